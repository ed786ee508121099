import { type RefObject, useLayoutEffect, useRef, useState } from 'react';

export type HeaderMode = 'bar' | 'menu';

/**
 * Whether the header's row (brand, navigation, user menu, language) fits on one line, measured rather
 * than guessed: what it needs depends on the language, the role (an administrator's and a
 * statistician's entries) and the display name, so no single breakpoint is right. In 'bar' mode the row
 * is laid out unshrunk and measured; when it needs more than the header has, the navigation, user menu
 * and language move behind a menu button. In 'menu' mode the width last needed is kept, and the bar
 * comes back once the header is that wide again. `content` names what the row holds (language, user,
 * role): when it changes, the bar is measured afresh (before paint, so nothing flickers).
 */
export function useHeaderFit(row: RefObject<HTMLElement | null>, content: string): HeaderMode {
  const [mode, setMode] = useState<HeaderMode>('bar');
  const needed = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new content is a new bar to measure
  useLayoutEffect(() => setMode('bar'), [content]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new content is measured again, in either mode
  useLayoutEffect(() => {
    const element = row.current;
    if (!element) return;
    // A check must never run after its mode has changed: a bar-mode check run on the menu's row would
    // record a width the bar never needed, and the header would switch back and forth for ever.
    let current = true;
    const check = () => {
      if (!current) return;
      const style = getComputedStyle(element);
      const available = element.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      if (mode === 'bar') {
        const parts = [...element.children].filter((child): child is HTMLElement => child instanceof HTMLElement);
        const gap = Number.parseFloat(style.columnGap) || 0;
        // A part marked data-fit-scroll (the navigation) is measured by its content, which never wraps.
        const widths = parts.map((part) =>
          part.dataset.fitScroll !== undefined ? part.scrollWidth : part.getBoundingClientRect().width,
        );
        needed.current = Math.ceil(widths.reduce((sum, w) => sum + w, 0) + gap * Math.max(0, parts.length - 1));
        if (needed.current > available) setMode('menu');
      } else if (available >= needed.current) {
        setMode('bar');
      }
    };
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    // The parts' own widths change when the session or the fonts arrive.
    for (const child of element.children) observer.observe(child);
    void document.fonts?.ready.then(check);
    return () => {
      current = false;
      observer.disconnect();
    };
  }, [mode, row, content]);

  return mode;
}
