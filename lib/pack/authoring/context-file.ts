/**
 * `context.yaml`: the page-context parts of a pack (sites, templates, step anchors) in the
 * authoring folder, beside pack.yaml. Optional; decompile writes it only when the pack has
 * such parts, so compile(decompile(pack)) still gives the pack back. Read with the same
 * failsafe YAML as pack.yaml (every scalar a string); `storable: true` is the only
 * non-string value and is converted here.
 *
 *   sites: [...]                 as in pack JSON
 *   templates: [...]             as in pack JSON
 *   procedures:
 *     inbound-phone:
 *       templates: [...]
 *       anchors:
 *         verify-identity: [...]
 */
import { Document, isMap, LineCounter, parseDocument, visit } from 'yaml';
import type { Pack } from '../schema';
import type { AuthoringIssue, SourceMap } from './source-map';
import { parseYamlBlock, type YamlValue } from './yaml-block';

export const CONTEXT_FILE = 'context.yaml';
const KEYS = ['sites', 'templates', 'procedures'];

type Obj = Record<string, unknown>;

/** The context.yaml text for a pack, or undefined when the pack has no context parts. */
export function contextText(pack: Pack): string | undefined {
  const procedures: Obj = {};
  for (const p of pack.procedures) {
    const anchors = Object.fromEntries(p.steps.filter((s) => s.anchors).map((s) => [s.id, s.anchors]));
    const entry: Obj = {};
    if (p.templates) entry.templates = p.templates;
    if (Object.keys(anchors).length) entry.anchors = anchors;
    if (Object.keys(entry).length) procedures[p.id] = entry;
  }
  const data: Obj = {};
  if (pack.sites) data.sites = pack.sites;
  if (pack.templates) data.templates = pack.templates;
  if (Object.keys(procedures).length) data.procedures = procedures;
  if (!Object.keys(data).length) return undefined;
  // Failsafe YAML has strings only: `storable: true` is written as text and read back by typed().
  const plain = JSON.parse(JSON.stringify(data, (_k, v: unknown) => (typeof v === 'boolean' || typeof v === 'number' ? String(v) : v))) as Obj;
  const doc = new Document(plain, { schema: 'failsafe' });
  // Patterns and locators read best on one line each.
  visit(doc, { Seq: (_, node) => void (node.flow = node.items.every((i) => !isMap(i))) });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

const BOOLEAN_KEYS = new Set(['storable', 'required']);
const INTEGER_KEYS = new Set(['minLength', 'maxLength']);

/** `storable: "true"` → true; anything else is left for the schema to name. */
function typed(value: YamlValue, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => typed(v));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(v, k)]));
  if (BOOLEAN_KEYS.has(key) && (value === 'true' || value === 'false')) return value === 'true';
  // Field-check lengths (issue 13.2); anything but digits is left for the schema to name.
  if (INTEGER_KEYS.has(key) && /^\d{1,6}$/.test(value)) return Number(value);
  return value;
}

/**
 * Merges context.yaml into the pack being compiled (pack fields and built procedures),
 * recording lines so schema errors in it are reported as context.yaml:line.
 */
export function applyContextFile(files: ReadonlyMap<string, string>, pack: Obj, procedures: Obj[], issues: AuthoringIssue[], map: SourceMap): void {
  const text = files.get(CONTEXT_FILE);
  if (text === undefined) return;
  const block = parseYamlBlock(text, CONTEXT_FILE, 1, issues, { map, prefix: [] });
  if (!block) return;
  const fail = (line: number, message: string) => void issues.push({ file: CONTEXT_FILE, line, message });
  for (const [key, line] of block.keyLine) {
    if (!KEYS.includes(key)) fail(line, `unknown key '${key}' (expected ${KEYS.join(', ')})`);
  }
  const data = typed(block.data) as Obj;
  if (data.sites !== undefined) pack.sites = data.sites;
  if (data.templates !== undefined) pack.templates = data.templates;
  if (data.procedures === undefined) return;
  const lc = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lc });
  const lineOf = (path: string[]) => {
    const node = doc.getIn(path, true) as { range?: [number] } | undefined;
    return lc.linePos(node?.range?.[0] ?? 0).line;
  };
  const top = block.keyLine.get('procedures') ?? 1;
  if (typeof data.procedures !== 'object' || Array.isArray(data.procedures))
    return fail(top, 'procedures must map procedure ids to their templates and anchors');
  for (const [procId, entry] of Object.entries(data.procedures as Obj)) {
    const i = procedures.findIndex((p) => p.id === procId);
    const proc = procedures[i];
    if (!proc) {
      fail(lineOf(['procedures', procId]), `unknown procedure '${procId}' (no procedure file has this id)`);
      continue;
    }
    const { templates, anchors, ...rest } = (entry ?? {}) as Obj;
    for (const key of Object.keys(rest)) fail(lineOf(['procedures', procId, key]), `unknown key '${key}' (expected templates, anchors)`);
    if (templates !== undefined) {
      proc.templates = templates;
      map.set(['procedures', i, 'templates'], { file: CONTEXT_FILE, line: lineOf(['procedures', procId, 'templates']) });
    }
    const steps = (proc.steps ?? []) as Obj[];
    for (const [stepId, list] of Object.entries((anchors ?? {}) as Obj)) {
      const j = steps.findIndex((s) => s.id === stepId);
      const line = lineOf(['procedures', procId, 'anchors', stepId]);
      if (j < 0) fail(line, `unknown step '${stepId}' in procedure '${procId}'`);
      else {
        steps[j]!.anchors = list;
        map.set(['procedures', i, 'steps', j, 'anchors'], { file: CONTEXT_FILE, line });
      }
    }
  }
}
