/** The header bar: what is running, identity state, run switching, progress, help and collapse. */
import { isIdentityVerified, progress } from '@/lib/engine';
import { usePanelStore } from '@/lib/store/use-store';
import { usePackText, useT } from '@/lib/i18n/use-t';
import { useActiveRun } from './use-run';
import { RunSwitcher } from './RunSwitcher';
import { Icon } from './Icon';
import { SearchButton } from './SearchButton';
import { Countdown } from './Countdown';
import { useBinding } from './use-binding';
import type { PanelView } from './Panel';

interface Props {
  onCollapse: () => void;
  onHelp: () => void;
  onNavigate: (view: PanelView) => void;
}

export function Header({ onCollapse, onHelp, onNavigate }: Props) {
  const store = usePanelStore();
  const tr = useT();
  const helpKeys = useBinding('help');
  const collapseKeys = useBinding('collapse');
  const pt = usePackText();
  const active = useActiveRun();
  const pct = active ? progress(active.run, active.procedure).percent : undefined;
  const gated = active?.procedure.steps.some((s) => s.checklist?.some((i) => i.verifiesIdentity === true));
  const verified = active ? isIdentityVerified(active.run, active.procedure) : false;
  const channel = active?.run.channel;

  return (
    <header class="cc-header">
      <div class="cc-header__row">
        <h1 class="cc-header__title">{active ? pt(active.procedure.title) : 'Cuecard'}</h1>
        {channel && <span class="cc-chip">{tr(`channel.${channel}` as const)}</span>}
        {active?.procedure.timeLimitSec !== undefined && active.run.status === 'open' && (
          <Countdown enteredAt={active.run.createdAt} limitSec={active.procedure.timeLimitSec} scope="procedure" />
        )}
        <SearchButton />
        <button type="button" class="cc-icon-btn" onClick={onHelp} aria-label={tr('header.help')} title={`${tr('header.help')} (${helpKeys})`}>
          ?
        </button>
        <button
          type="button"
          class="cc-icon-btn"
          data-testid="cc-collapse"
          onClick={onCollapse}
          aria-label={tr('header.collapse')}
          title={`${tr('header.collapse')} (${collapseKeys})`}
        >
          <Icon name="next" />
        </button>
      </div>
      {active && (
        <div class="cc-header__row">
          {/* Keyed by run: switching runs must not carry a half-typed label across. */}
          <input
            key={active.run.id}
            class="cc-input cc-label-input"
            data-testid="cc-label"
            value={active.run.label ?? ''}
            placeholder={tr('header.labelPlaceholder')}
            aria-label={tr('header.labelPlaceholder')}
            maxLength={120}
            onChange={(e) => store.getState().dispatch({ type: 'label', label: e.currentTarget.value })}
          />
          {gated && (
            <span class={`cc-chip ${verified ? 'cc-chip--ok' : 'cc-chip--warn'}`}>
              {verified && <Icon name="check" />}
              {tr(verified ? 'header.identityOk' : 'header.identityNo')}
            </span>
          )}
        </div>
      )}
      <RunSwitcher onNavigate={onNavigate} />
      {pct !== undefined && (
        <div class="cc-progress">
          <div
            class="cc-progress__track"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-label={tr('header.progress', { percent: pct })}
          >
            <div class="cc-progress__bar" style={{ width: `${pct}%` }} />
          </div>
          <span class="cc-progress__label">{tr('header.progress', { percent: pct })}</span>
        </div>
      )}
    </header>
  );
}
