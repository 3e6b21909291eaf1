import type { RefObject } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

interface Options {
  count: number;
  keyAt: (index: number) => string;
  /** The scrolling element around the rows. */
  containerRef: RefObject<HTMLElement | null>;
  /** A row's height in pixels until it has been measured. */
  estimate: number;
  /** Rows rendered beyond each edge of the visible part (so Tab always finds the next row). */
  overscan: number;
  /** A row kept rendered while it is near (the one with focus). */
  pinned: number;
}

export interface VirtualRows {
  /** Rows [start, end) are rendered, with padding standing for the others. */
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
  /** A rendered row's element, measured as it renders and resizes; the returned function stops. */
  observe: (el: Element) => () => void;
  /** Scrolls the least needed for row `index` to show (rendering it in the same update). */
  scrollToIndex: (index: number) => void;
  isVisible: (index: number) => boolean;
}

/** At most this far from the window, the pinned row stays rendered (beyond it, rendering the rows between would cost too much). */
const PIN_REACH = 40;

/**
 * Windowing for long lists of rows of nearly equal height (1,500 cues of a lecture): only the
 * rows in view and a few around them are in the page. Heights are measured as rows render
 * (ResizeObserver) and estimated from the average for the others.
 */
export function useVirtualRows({ count, keyAt, containerRef, estimate, overscan, pinned }: Options): VirtualRows {
  const heights = useRef(new Map<string, number>());
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const [measured, setMeasured] = useState(0);
  const frame = useRef(0);

  const offsets = useMemo(() => {
    let sum = 0;
    let n = 0;
    for (const h of heights.current.values()) {
      sum += h;
      n += 1;
    }
    const average = n ? sum / n : estimate;
    const out = new Float64Array(count + 1);
    for (let i = 0; i < count; i++) out[i + 1] = out[i]! + (heights.current.get(keyAt(i)) ?? average);
    return out;
  }, [count, keyAt, measured, estimate]);
  const offsetsRef = useRef(offsets);
  offsetsRef.current = offsets;

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const read = () => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => setViewport({ top: el.scrollTop, height: el.clientHeight }));
    };
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, []);

  const rowObserver = useMemo(
    () =>
      new ResizeObserver((entries) => {
        let changed = false;
        for (const entry of entries) {
          const target = entry.target as HTMLElement;
          const key = target.dataset.key;
          const height = entry.borderBoxSize?.[0]?.blockSize ?? target.offsetHeight;
          if (!key || height <= 0) continue;
          if (Math.abs((heights.current.get(key) ?? 0) - height) > 0.5) {
            heights.current.set(key, height);
            changed = true;
          }
        }
        if (changed) setMeasured((m) => m + 1);
      }),
    [],
  );
  useLayoutEffect(() => () => rowObserver.disconnect(), []);

  const observe = useCallback((el: Element) => {
    rowObserver.observe(el);
    return () => rowObserver.unobserve(el);
  }, []);

  const indexAt = (y: number) => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid + 1]! <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let start = Math.max(0, indexAt(viewport.top) - overscan);
  let end = Math.min(count, indexAt(viewport.top + viewport.height) + 1 + overscan);
  if (pinned >= 0 && pinned < count && pinned >= start - PIN_REACH && pinned < end + PIN_REACH) {
    start = Math.min(start, pinned);
    end = Math.max(end, pinned + 1);
  }

  const scrollToIndex = useCallback((index: number) => {
    const el = containerRef.current;
    const o = offsetsRef.current;
    if (!el || index < 0 || index + 1 >= o.length) return;
    const top = o[index]!;
    const bottom = o[index + 1]!;
    let next = el.scrollTop;
    if (top < el.scrollTop) next = top;
    else if (bottom > el.scrollTop + el.clientHeight) next = Math.max(top - el.clientHeight / 3, bottom - el.clientHeight);
    if (next === el.scrollTop) return;
    el.scrollTop = next;
    setViewport({ top: next, height: el.clientHeight });
  }, []);

  const isVisible = (index: number) => {
    const el = containerRef.current;
    if (!el || index < 0 || index >= count) return false;
    return offsets[index]! >= el.scrollTop && offsets[index + 1]! <= el.scrollTop + el.clientHeight;
  };

  return { start, end, padTop: offsets[start]!, padBottom: offsets[count]! - offsets[end]!, observe, scrollToIndex, isVisible };
}
