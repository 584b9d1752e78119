/**
 * `coaching.yaml`: the coaching parts of a pack (fading guidance, release drills, practice
 * scenarios) in the authoring folder, beside pack.yaml. Optional; decompile writes it only
 * when the pack has such parts, so compile(decompile(pack)) gives the pack back. Failsafe
 * YAML (every scalar a string): `fadeAfter` numbers and `requireDrill` are converted here.
 *
 *   coaching: { fadeAfter: 5, requireDrill: true }
 *   procedures:
 *     inbound-phone:
 *       fadeAfter: { greet: 3, verify-identity: 0 }   # per step; 0 = never fades
 *       scenarios: [...]                               # as in pack JSON
 */
import { Document, isMap, LineCounter, parseDocument, visit } from 'yaml';
import type { Pack } from '../schema';
import type { AuthoringIssue, SourceMap } from './source-map';
import { parseYamlBlock, type YamlValue } from './yaml-block';

export const COACHING_FILE = 'coaching.yaml';
const KEYS = ['coaching', 'procedures'];

type Obj = Record<string, unknown>;

export function coachingText(pack: Pack): string | undefined {
  const procedures: Obj = {};
  for (const p of pack.procedures) {
    const fade = Object.fromEntries(p.steps.filter((s) => s.fadeAfter !== undefined).map((s) => [s.id, String(s.fadeAfter)]));
    const entry: Obj = {};
    if (Object.keys(fade).length) entry.fadeAfter = fade;
    if (p.scenarios) entry.scenarios = p.scenarios;
    if (Object.keys(entry).length) procedures[p.id] = entry;
  }
  const data: Obj = {};
  if (pack.coaching) data.coaching = pack.coaching;
  if (Object.keys(procedures).length) data.procedures = procedures;
  if (!Object.keys(data).length) return undefined;
  const plain = JSON.parse(JSON.stringify(data, (_k, v: unknown) => (typeof v === 'boolean' || typeof v === 'number' ? String(v) : v))) as Obj;
  const doc = new Document(plain, { schema: 'failsafe' });
  visit(doc, { Seq: (_, node) => void (node.flow = node.items.every((i) => !isMap(i))) });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** "3" → 3 and "true" → true where the format wants them; anything else is left for the schema to name. */
function num(value: unknown): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}
function typedCoaching(value: YamlValue): unknown {
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Obj = { ...value };
  if ('fadeAfter' in out) out.fadeAfter = num(out.fadeAfter);
  if (out.requireDrill === 'true' || out.requireDrill === 'false') out.requireDrill = out.requireDrill === 'true';
  return out;
}

export function applyCoachingFile(files: ReadonlyMap<string, string>, pack: Obj, procedures: Obj[], issues: AuthoringIssue[], map: SourceMap): void {
  const text = files.get(COACHING_FILE);
  if (text === undefined) return;
  const block = parseYamlBlock(text, COACHING_FILE, 1, issues, { map, prefix: [] });
  if (!block) return;
  const fail = (line: number, message: string) => void issues.push({ file: COACHING_FILE, line, message });
  for (const [key, line] of block.keyLine) {
    if (!KEYS.includes(key)) fail(line, `unknown key '${key}' (expected ${KEYS.join(', ')})`);
  }
  const data = block.data as Obj;
  if (data.coaching !== undefined) {
    pack.coaching = typedCoaching(data.coaching as YamlValue);
    map.set(['coaching'], { file: COACHING_FILE, line: block.keyLine.get('coaching') ?? 1 });
  }
  if (data.procedures === undefined) return;
  const lc = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lc });
  const lineOf = (path: string[]) => lc.linePos((doc.getIn(path, true) as { range?: [number] } | undefined)?.range?.[0] ?? 0).line;
  if (typeof data.procedures !== 'object' || Array.isArray(data.procedures))
    return fail(block.keyLine.get('procedures') ?? 1, 'procedures must map procedure ids to their fadeAfter and scenarios');
  for (const [procId, entry] of Object.entries(data.procedures as Obj)) {
    const i = procedures.findIndex((p) => p.id === procId);
    const proc = procedures[i];
    if (!proc) {
      fail(lineOf(['procedures', procId]), `unknown procedure '${procId}' (no procedure file has this id)`);
      continue;
    }
    const { fadeAfter, scenarios, ...rest } = (entry ?? {}) as Obj;
    for (const key of Object.keys(rest)) fail(lineOf(['procedures', procId, key]), `unknown key '${key}' (expected fadeAfter, scenarios)`);
    if (scenarios !== undefined) {
      proc.scenarios = scenarios;
      map.set(['procedures', i, 'scenarios'], { file: COACHING_FILE, line: lineOf(['procedures', procId, 'scenarios']) });
    }
    const steps = (proc.steps ?? []) as Obj[];
    for (const [stepId, n] of Object.entries((fadeAfter ?? {}) as Obj)) {
      const j = steps.findIndex((s) => s.id === stepId);
      const line = lineOf(['procedures', procId, 'fadeAfter', stepId]);
      if (j < 0) fail(line, `unknown step '${stepId}' in procedure '${procId}'`);
      else {
        steps[j]!.fadeAfter = num(n);
        map.set(['procedures', i, 'steps', j, 'fadeAfter'], { file: COACHING_FILE, line });
      }
    }
  }
}
