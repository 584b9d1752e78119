/**
 * A value read from the CRM page, masked until the agent hovers, focuses or presses it:
 * the panel sits beside the CRM all day, in view of whoever walks past (信息保密).
 */
import { useState } from 'preact/hooks';
import type { Mask } from '@/lib/pack/context-schema';
import { maskValue } from '@/lib/context/mask';
import { useT } from '@/lib/i18n/use-t';

export function MaskedValue({ id, value, mask }: { id: string; value: string; mask: Mask }) {
  const tr = useT();
  const [hover, setHover] = useState(false);
  const [focus, setFocus] = useState(false);
  const [pressed, setPressed] = useState(false);
  const revealed = hover || focus || pressed;
  return (
    <span
      class={`cc-masked${revealed ? ' cc-masked--revealed' : ''}`}
      data-testid={`cc-field-${id}`}
      data-revealed={revealed ? 'true' : 'false'}
      tabIndex={0}
      title={tr('context.reveal')}
      onMouseEnter={() => setHover(true)}
      onMouseLeave={() => (setHover(false), setPressed(false))}
      onFocus={() => setFocus(true)}
      onBlur={() => setFocus(false)}
      onPointerDown={() => setPressed(true)}
      onPointerUp={() => setPressed(false)}
    >
      {revealed ? value : maskValue(value, mask)}
    </span>
  );
}
