/**
 * Options → Keyboard shortcuts: record a combo by pressing it; conflicts, reserved browser
 * keys and keys that would type are refused with the reason; reset one or all to defaults;
 * and the opt-in for taking the panel's Alt shortcuts in the CRM page.
 */
import { useState } from 'preact/hooks';
import { errorText } from '@/lib/options/errors';
import { comboFromEvent } from '@/lib/shortcuts/combo';
import { ACTIONS, DEFAULT_BINDINGS, displayBinding, effectiveBindings, type ActionId } from '@/lib/shortcuts/keymap';
import { checkBinding, type Problem } from '@/lib/shortcuts/validate';
import { SHORTCUT_LABELS } from '../panel-shortcuts';
import { ActionStatus } from './ActionStatus';
import { useOptions } from './options-context';
import { useAction } from './use-action';
import { usePending } from './use-pending';

export function ShortcutsSection() {
  const { t: tr, lang, settings, save } = useOptions();
  const page = useAction();
  const [shown, apply] = usePending({ pageShortcuts: settings.pageShortcuts });
  const overrides = settings.shortcuts;
  const bindings = effectiveBindings(overrides);
  const [recording, setRecording] = useState<ActionId | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const problemText = (p: Problem): string => {
    if (p.code === 'invalid') return tr('shortcuts.invalid', { error: p.error });
    if (p.code === 'conflict') return tr('shortcuts.conflict', { keys: p.combo, other: tr(SHORTCUT_LABELS[p.other]) });
    return tr(`shortcuts.${p.code}`, { keys: p.combo });
  };
  const showError = (err: unknown) => setMessage({ ok: false, text: tr('shortcuts.invalid', { error: errorText(err, lang) }) });
  const store = async (id: ActionId, combo: string | undefined) => {
    const { [id]: _old, ...rest } = overrides;
    try {
      await save({ shortcuts: combo === undefined || combo === DEFAULT_BINDINGS[id] ? rest : { ...rest, [id]: combo } });
    } catch (err) {
      return showError(err);
    }
    const keys = displayBinding(id, combo ?? DEFAULT_BINDINGS[id]);
    setMessage({ ok: true, text: tr('shortcuts.saved', { action: tr(SHORTCUT_LABELS[id]), keys }) });
  };
  const onRecordKey = (id: ActionId) => (e: KeyboardEvent) => {
    // Tab still moves on, so the keyboard never gets stuck on this button.
    if (e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey) return setRecording(null);
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape' && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) return setRecording(null);
    const combo = comboFromEvent(e);
    if (!combo) return; // a modifier on its own: wait for the key
    const problem = checkBinding(id, combo, bindings);
    // Still recording after a refusal: the agent can press another combo straight away.
    if (problem) return setMessage({ ok: false, text: problemText(problem) });
    setRecording(null);
    void store(id, combo);
  };

  return (
    <>
      <p class="cc-o-intro">{tr('shortcuts.intro')}</p>
      <section class="cc-o-card">
        <table class="cc-opt-keys">
          <tbody>
            {ACTIONS.map((id) => (
              <tr key={id}>
                <td>{tr(SHORTCUT_LABELS[id])}</td>
                <td>
                  <kbd data-testid={`cc-opt-key-${id}`}>{displayBinding(id, bindings[id])}</kbd>
                </td>
                <td class="cc-opt-keys__actions">
                  <button
                    type="button"
                    class="cc-o-btn cc-o-btn--small"
                    data-testid={`cc-opt-key-change-${id}`}
                    aria-pressed={recording === id}
                    onClick={() => (setRecording(recording === id ? null : id), setMessage(null))}
                    onKeyDown={recording === id ? onRecordKey(id) : undefined}
                    onBlur={() => recording === id && setRecording(null)}
                  >
                    {recording === id ? tr('shortcuts.recording') : tr('shortcuts.change')}
                  </button>
                  {overrides[id] !== undefined && (
                    <button
                      type="button"
                      class="cc-o-btn cc-o-btn--small cc-o-btn--quiet"
                      data-testid={`cc-opt-key-default-${id}`}
                      onClick={() => void store(id, undefined)}
                    >
                      {tr('shortcuts.default')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {message && (
          <p class={`cc-o-status cc-o-status--${message.ok ? 'done' : 'error'}`} role={message.ok ? 'status' : 'alert'} data-testid="cc-opt-keys-msg">
            {message.text}
          </p>
        )}
        <div class="cc-o-actions">
          <button
            type="button"
            class="cc-o-btn"
            data-testid="cc-opt-keys-reset"
            onClick={() => void save({ shortcuts: {} }).then(() => setMessage(null), showError)}
          >
            {tr('shortcuts.reset')}
          </button>
        </div>
      </section>
      <section class="cc-o-card">
        <label class="cc-o-choice">
          <input
            type="checkbox"
            data-testid="cc-opt-page-shortcuts"
            checked={shown.pageShortcuts}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              void apply({ pageShortcuts: on }, () => page.run(() => save({ pageShortcuts: on })));
            }}
          />
          <span>
            <strong>{tr('shortcuts.page')}</strong>
            <span class="cc-o-help">{tr('shortcuts.pageHint')}</span>
          </span>
        </label>
        <div class="cc-o-actions cc-o-actions--status">
          <ActionStatus state={page.state} testid="cc-opt-page-shortcuts-status" />
        </div>
      </section>
    </>
  );
}
