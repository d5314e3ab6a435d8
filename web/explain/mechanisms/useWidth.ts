/** The width of an element, kept current as it resizes (the mechanism views draw to it). */
import { useCallback, useEffect, useState } from "react";

/**
 * A callback ref to attach and its element's content width in CSS px (at least `minPx`;
 * `initialPx` until measured). A callback ref, so an element that mounts later is measured too.
 */
export function useWidth<T extends HTMLElement>(initialPx = 600, minPx = 240): [(el: T | null) => void, number] {
  const [el, setEl] = useState<T | null>(null);
  const [width, setWidth] = useState(initialPx);
  const ref = useCallback((node: T | null) => setEl(node), []);
  useEffect(() => {
    if (!el) return;
    const measure = () => {
      const style = getComputedStyle(el);
      const pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      setWidth(Math.max(minPx, Math.floor(el.clientWidth - (Number.isFinite(pad) ? pad : 0))));
    };
    measure();
    if (typeof ResizeObserver !== "function") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [el, minPx]);
  return [ref, width];
}
