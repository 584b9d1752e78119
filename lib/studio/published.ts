/**
 * `api/published` gives the release agents have now: a pack (the local server parses the
 * --against file), or a signed envelope's payload `{ pack }` (the hub). Parsed with the
 * real schema before the Diff uses it.
 */
import { parsePack } from '../pack/parse';
import type { Pack } from '../pack/schema';

export function publishedPack(release: unknown): { pack?: Pack; error?: string } {
  if (release === null || release === undefined) return {};
  const inner = typeof release === 'object' && 'pack' in release ? (release as { pack: unknown }).pack : release;
  const parsed = parsePack(inner);
  if (parsed.ok) return { pack: parsed.pack };
  const first = parsed.errors[0];
  return { error: `the published release is not a valid pack: ${first?.path ?? ''} ${first?.message ?? ''}`.trim() };
}
