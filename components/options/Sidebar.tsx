/**
 * The section list: links to #id (deep-linkable, Back works), one Tab stop, arrow keys /
 * Home / End move between sections and show each one (the tabs pattern's automatic
 * activation), aria-current marks the one shown.
 */
import { useRef } from 'preact/hooks';
import { NavIcon } from './NavIcon';
import { useOptions } from './options-context';
import { SECTIONS } from './sections';

const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1,
};

export function Sidebar({ current, go }: { current: string; go(id: string): void }) {
  const { t } = useOptions();
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const onKeyDown = (i: number) => (e: KeyboardEvent) => {
    const move = MOVES[e.key];
    if (!move || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const to = move(i, SECTIONS.length);
    go(SECTIONS[to]!.id);
    links.current[to]?.focus();
  };
  return (
    <nav class="cc-o-nav" aria-label={t('options.nav')}>
      <ul>
        {SECTIONS.map((s, i) => {
          const here = s.id === current;
          return (
            <li key={s.id}>
              <a
                ref={(el) => void (links.current[i] = el)}
                href={`#${s.id}`}
                class="cc-o-nav__link"
                aria-current={here ? 'page' : undefined}
                tabIndex={here ? 0 : -1}
                onKeyDown={onKeyDown(i)}
                data-testid={`cc-opt-nav-${s.id}`}
              >
                <NavIcon name={s.id} />
                <span>{t(s.title)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
