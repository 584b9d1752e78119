/**
 * `cuecard pack preview DIR`: a placeholder until the demo server can load a pack folder.
 * Whoever wires it: compile DIR with `compile(await readPackFolder(dir))` (see
 * pack-validate.ts), serve the pack to the demo CRM, and return an exit code.
 */
import type { CliContext } from './context';

export async function preview(dir: string, ctx?: Pick<CliContext, 'err'>): Promise<number> {
  const say = ctx?.err ?? ((t: string) => void process.stderr.write(`${t}\n`));
  say(`cuecard pack preview ${dir}: not yet wired`);
  return 2;
}
