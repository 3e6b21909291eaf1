import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * What the resource's header needs to write the page's one h1 (LaunchPage writes none for a
 * resource): the title the LMS gave the link, which may name the resource differently.
 */
export interface LaunchHeading {
  linkTitle: string | null;
}

export const LaunchHeadingContext = createContext<LaunchHeading>({ linkTitle: null });

export function useLaunchHeading(): LaunchHeading {
  return useContext(LaunchHeadingContext);
}

/** `document.title`: the page's title, then Amphi's name (once). */
export function pageTitle(title: string, appName: string): string {
  return title === appName ? title : `${title} · ${appName}`;
}
