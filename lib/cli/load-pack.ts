/** Reading pack JSON files given on the command line, plain or signed. */
import { parsePackText } from '../pack/parse';
import type { Pack } from '../pack/schema';
import { readSignedEnvelope } from '../pack/sign';
import { CheckFailed, readInput, type CliContext } from './context';

/**
 * A pack from a plain pack file or a signed one. The signature of a signed file is NOT
 * checked here (that is `pack verify`'s job); `signed` says so, so callers can tell the user.
 */
export async function loadPackFile(ctx: CliContext, file: string): Promise<{ pack: Pack; signed: boolean }> {
  const text = await readInput(ctx, file);
  const env = readSignedEnvelope(text);
  let json: string;
  if (env.ok) {
    if (!env.payload) throw new CheckFailed(`${file}: the signed content is not a Cuecard pack payload`);
    json = JSON.stringify(env.payload.pack);
  } else if (env.code === 'unsigned') json = text;
  else throw new CheckFailed(`${file}: ${env.message}`);
  const parsed = parsePackText(json);
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `${file}: ${e.path === '$' ? '' : `${e.path}: `}${e.message}`);
    throw new CheckFailed(lines.join('\n'));
  }
  return { pack: parsed.pack, signed: env.ok };
}
