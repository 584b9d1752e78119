/** Everything a record template can use for the active contact (pure; for IntakeRecord). */
import { packFields } from '@/lib/context/pack-context';
import { runVariables } from '@/lib/context/run-vars';
import type { Run } from '@/lib/engine/run';
import type { Lang, Pack, Procedure } from '@/lib/pack/schema';
import type { Settings } from '@/lib/settings/schema';

export function recordVariables(
  pack: Pack,
  procedure: Procedure,
  run: Run,
  opts: { lang: Lang; now: number; profile: Settings['profile']; channel: string; page: Record<string, string> },
): Record<string, string> {
  // Every declared field is known (empty until read), so a missing one shows as "—", not {name}.
  const fields = Object.fromEntries(packFields(pack).map((f) => [f.id, opts.page[f.id] ?? '']));
  return {
    ...fields,
    ...runVariables(run, procedure, opts.lang, opts.now),
    channel: opts.channel,
    company: opts.profile.company,
    agentId: opts.profile.agentId,
    agentName: opts.profile.name,
  };
}
