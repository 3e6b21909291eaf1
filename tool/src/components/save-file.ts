/**
 * Saves text or a Blob as a file through a temporary object URL: what the page built (a CSV, a
 * transcript) or fetched with the Bearer token (a plain link cannot send it).
 */
export function saveFile(fileName: string, content: Blob | string, type = 'text/plain;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after the click returns: keep it a while, then free it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a title: letters, digits and dashes only, so every system accepts it. */
export function fileSlug(title: string, fallback: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || fallback;
}
