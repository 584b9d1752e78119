/** A procedure's start buttons: one per channel for contact procedures, else a single Start. */
import type { Channel, Procedure } from '@/lib/pack/schema';
import { useT } from '@/lib/i18n/use-t';

interface Props {
  procedure: Procedure;
  /** Test-id prefix: `cc-start` in the picker, `cc-suggest` for page suggestions. */
  testId: string;
  onStart: (channel?: Channel) => void;
}

export function StartButtons({ procedure, testId, onStart }: Props) {
  const tr = useT();
  if (procedure.kind === 'contact' && procedure.channels?.length) {
    return (
      <>
        {procedure.channels.map((c) => (
          <button key={c} type="button" class="cc-btn cc-btn--small" data-testid={`${testId}-${procedure.id}-${c}`} onClick={() => onStart(c)}>
            {tr(`channel.${c}` as const)}
          </button>
        ))}
      </>
    );
  }
  return (
    <button type="button" class="cc-btn cc-btn--small cc-btn--primary" data-testid={`${testId}-${procedure.id}`} onClick={() => onStart()}>
      {tr('picker.start')}
    </button>
  );
}
