import type { Frame, Page } from 'playwright-core';

export interface Heading {
  level: number;
  text: string;
}

/** The page's headings in document order, as a screen reader lists them (hidden ones left out). */
export async function headingOutline(target: Page | Frame): Promise<Heading[]> {
  return (await target.evaluate(`[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter((h) => !h.closest('[hidden], [aria-hidden="true"]') && h.getClientRects().length > 0)
    .map((h) => ({ level: Number(h.tagName.slice(1)), text: h.textContent.trim() }))`)) as Heading[];
}
