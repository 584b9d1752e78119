/** Time left on a timed step, counted from when the step was entered (its visit in run.path). */
import { useEffect, useState } from 'preact/hooks';
import { useT } from '@/lib/i18n/use-t';
import { duration } from './format';
import { Icon } from './Icon';

// Amber from 80% of the limit, so the agent sees it coming before it is late.
const WARN_AT = 0.8;

export function Countdown({ enteredAt, limitSec }: { enteredAt: number; limitSec: number }) {
  const tr = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const elapsed = Math.max(0, now - enteredAt) / 1000;
  const over = elapsed > limitSec;
  const tone = over ? 'over' : elapsed >= limitSec * WARN_AT ? 'warn' : 'ok';
  // Rounded up while counting down, so "0:00 left" never shows while time remains.
  const time = over ? duration(elapsed - limitSec) : duration(Math.ceil(limitSec - elapsed));
  return (
    // role=timer is not announced every second (implicit aria-live=off), which is what we want.
    <span class={`cc-timer cc-timer--${tone}`} role="timer" data-testid="cc-timer" data-tone={tone}>
      <Icon name="clock" />
      {tr(over ? 'timer.over' : 'timer.left', { time })}
    </span>
  );
}
