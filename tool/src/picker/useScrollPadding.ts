import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/**
 * Keeps the page's scroll-padding-bottom at the height of a bar stuck to the bottom of the
 * window, so that an element scrolled into view (a focused checkbox, a field in error) is never
 * hidden behind it (WCAG 2.4.11). The bar's height changes with its text and the window's width.
 */
export function useScrollPadding(bar: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    const apply = () => root.style.setProperty('scroll-padding-bottom', `${Math.ceil(element.getBoundingClientRect().height) + 8}px`);
    apply();
    const observer = new ResizeObserver(apply);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('scroll-padding-bottom');
    };
  }, [bar]);
}
