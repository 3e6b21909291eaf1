import { useEffect, useState } from 'preact/hooks';

/**
 * A number that changes whenever the display toolbar (or the system) switches light/dark, high
 * contrast or the font: canvases do not follow CSS, so charts redraw with the new colours when it changes.
 */
export function useDisplayVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'data-contrast', 'data-font'] });
    const motion = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    const onMotion = () => setVersion((v) => v + 1);
    motion?.addEventListener('change', onMotion);
    return () => {
      observer.disconnect();
      motion?.removeEventListener('change', onMotion);
    };
  }, []);
  return version;
}
