/** Line icons for the sidebar, drawn inline like the panel's (no emoji: they differ by OS). */
const PATHS = {
  profile: 'M8 2.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z M3 13.5c.6-2.6 2.6-4 5-4s4.4 1.4 5 4',
  sites: 'M2 3h12v8H2z M6 14h4 M8 11v3',
  packs: 'M2.5 5L8 2.5 13.5 5v6L8 13.5 2.5 11z M2.5 5L8 7.5 13.5 5 M8 7.5v6',
  shortcuts: 'M1.5 4.5h13v7h-13z M4 7h1 M7 7h1 M10 7h2 M4.5 9.5h7',
  followups: 'M8 2.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11z M8 5v3.25l2 1.5',
  anchors: 'M6.5 9.5l-2 2a2 2 0 0 1-3-3l2-2 M9.5 6.5l2-2a2 2 0 0 1 3 3l-2 2 M6 6L4.5 4.5 M10 10l1.5 1.5',
  hub: 'M8 2v3 M8 11v3 M2 8h3 M11 8h3 M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z',
  about: 'M8 1.75a6.25 6.25 0 1 0 0 12.5 6.25 6.25 0 0 0 0-12.5z M8 7v4.5 M8 4.75v.5',
  check: 'M3.5 8.5l3 3 6-6.5',
} as const;

export type NavIconName = keyof typeof PATHS;

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg class="cc-o-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
