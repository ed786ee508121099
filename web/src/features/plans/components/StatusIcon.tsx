import type { ReactNode } from 'react';
import type { StatusIcon as StatusIconName } from '../../../format/progress';

/** The shapes of format/progress.ts drawn in SVG, so they never depend on a font having the glyph. */
const SHAPES: Record<StatusIconName, ReactNode> = {
  check: <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />,
  // Done, but after the target year: the tick with a small clock beside it.
  check_late: (
    <>
      <path d="M1.75 8 4.25 10.5 9.25 4" />
      <circle cx="11.75" cy="10.75" r="3" strokeWidth="1.5" />
      <path d="M11.75 9.25v1.5l1 .75" strokeWidth="1.25" />
    </>
  ),
  arrow_right: <path d="M2.5 8h10.5M9.5 4.5 13 8l-3.5 3.5" />,
  arrow_up_right: <path d="M3.5 12.5 12 4M6 4h6v6" />,
  wave: <path d="M2 9.5c1.5-3.5 3-3.5 4 0s2.5 3.5 4 0 2.5-3.5 4 0" />,
  arrow_down_right: <path d="M3.5 3.5 12 12M12 6v6H6" />,
  cross: <path d="M4 4l8 8M12 4l-8 8" />,
  dot: <circle cx="8" cy="8" r="2.75" fill="currentColor" stroke="none" />,
  ring: <circle cx="8" cy="8" r="5" />,
  slash: (
    <>
      <circle cx="8" cy="8" r="5.5" />
      <path d="M4.2 11.8 11.8 4.2" />
    </>
  ),
};

export function StatusIcon({ icon, className = 'status-icon' }: { icon: StatusIconName; className?: string }) {
  return (
    <svg
      className={className}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      data-icon={icon}
    >
      {SHAPES[icon]}
    </svg>
  );
}
