/** Line icons drawn inline (no emoji: they render differently on every agent's OS). */
const PATHS = {
  lock: 'M4 7.5h8v6H4z M5.75 7.5V5.25a2.25 2.25 0 0 1 4.5 0V7.5',
  check: 'M3.5 8.5l3 3 6-6.5',
  current: 'M5.5 3.5l6 4.5-6 4.5z',
  upcoming: 'M8 4.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z',
  dash: 'M4.5 8h7',
  back: 'M10 3.5L5.5 8l4.5 4.5',
  next: 'M6 3.5l4.5 4.5L6 12.5',
  clock: 'M8 2.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11z M8 5v3.25l2 1.5',
  close: 'M4 4l8 8 M12 4l-8 8',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class={`cc-icon cc-icon--${name}`} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
