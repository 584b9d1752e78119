/** The default pack as an authoring folder, for Studio's unit tests (test-only helper). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decompile } from '../pack/authoring/decompile';
import { parsePack } from '../pack/parse';

export function defaultPackFiles(): Record<string, string> {
  const parsed = parsePack(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/packs/default.json'), 'utf8')));
  if (!parsed.ok) throw new Error('the default pack does not parse');
  return Object.fromEntries(decompile(parsed.pack));
}
