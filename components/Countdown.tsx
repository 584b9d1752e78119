/**
 * Time left on a timed step (counted from its visit in run.path) or a timed procedure (from
 * the run's start, shown in the header). Amber from 80% of the limit, red when over, and one
 * spoken warning when it turns, so an agent on a call hears it without looking.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '@/lib/i18n/use-t';
import { duration } from './format';
import { Icon } from './Icon';

// Amber from 80% of the limit, so the agent sees it coming before it is late.
const WARN_AT = 0.8;

export type Tone = 'ok' | 'warn' | 'over';

export function toneAt(elapsedSec: number, limitSec: number): Tone {
  return elapsedSec > limitSec ? 'over' : elapsedSec >= limitSec * WARN_AT ? 'warn' : 'ok';
}

interface Props {
  enteredAt: number;
  limitSec: number;
  scope?: 'step' | 'procedure';
}

export function Countdown({ enteredAt, limitSec, scope = 'step' }: Props) {
  const tr = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const elapsed = Math.max(0, now - enteredAt) / 1000;
  const tone = toneAt(elapsed, limitSec);
  const over = tone === 'over';
  // Rounded up while counting down, so "0:00 left" never shows while time remains.
  const time = over ? duration(elapsed - limitSec) : duration(Math.ceil(limitSec - elapsed));

  // Announce once, at the first turn this countdown shows (not on mounting already late:
  // a reload must not repeat a warning the agent has had).
  const firstTone = useRef(tone);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (announcement || tone === 'ok' || tone === firstTone.current) return;
    const proc = scope === 'procedure';
    setAnnouncement(tone === 'warn' ? tr(proc ? 'timer.warnProcedure' : 'timer.warnStep', { time }) : tr(proc ? 'timer.overProcedure' : 'timer.overStep'));
  }, [tone]);

  return (
    <>
      {/* role=timer is not announced every second (implicit aria-live=off), which is what we want. */}
      <span class={`cc-timer cc-timer--${tone}`} role="timer" data-testid={scope === 'procedure' ? 'cc-proc-timer' : 'cc-timer'} data-tone={tone}>
        <Icon name="clock" />
        {tr(over ? 'timer.over' : 'timer.left', { time })}
      </span>
      <span class="cc-sr-only" aria-live="polite" data-testid={`${scope === 'procedure' ? 'cc-proc-timer' : 'cc-timer'}-announce`}>
        {announcement}
      </span>
    </>
  );
}
