/**
 * Authoring folder → pack JSON. Pure: takes the folder's files as a map so the CLI, tests
 * and (later) an in-extension preview can all feed it. Every problem — YAML, Markdown
 * shape, schema, cross-reference — comes back as `file:line: message`.
 */
import { parsePack, type PackError } from '../parse';
import type { Pack } from '../schema';
import { buildProcedure } from './build-procedure';
import { checkReferences } from './check-refs';
import { applyContextFile } from './context-file';
import { applyCoachingFile } from './coaching-file';
import { readProcedureFile } from './procedure-file';
import { SourceMap, toSegments, type AuthoringIssue, type PathSegment } from './source-map';
import { parseYamlBlock } from './yaml-block';

export type CompileResult = { ok: true; pack: Pack; warnings: AuthoringIssue[] } | { ok: false; errors: AuthoringIssue[]; warnings: AuthoringIssue[] };

export const PACK_FILE = 'pack.yaml';
const PACK_KEYS = ['id', 'version', 'title', 'languages'];

/** Procedure files in pack order: `*.md` beside pack.yaml, by name (`02-…` before `10-…`). */
export function procedureFiles(names: Iterable<string>): string[] {
  return [...names]
    .filter((n) => n.endsWith('.md') && !n.includes('/') && n.toLowerCase() !== 'readme.md')
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

export function compile(files: ReadonlyMap<string, string>): CompileResult {
  const issues: AuthoringIssue[] = [];
  const map = new SourceMap();
  const pack = readPackYaml(files, issues, map);
  const names = procedureFiles(files.keys());
  if (!names.length) issues.push({ file: PACK_FILE, line: 1, message: 'no procedure files: add one Markdown (.md) file per procedure beside pack.yaml' });
  const procedures = [];
  for (const name of names) {
    const draft = readProcedureFile(name, files.get(name)!, procedures.length, issues, map);
    if (draft) procedures.push(buildProcedure(draft, issues, map));
  }
  checkReferences(procedures, map, issues);
  // With a file unreadable the pack is partial, and the schema would only add noise
  // ("needs at least one procedure"); the author fixes the file and runs again.
  if (!pack || procedures.length < names.length) return { ok: false, errors: sortIssues(issues, names), warnings: [] };
  pack.procedures = procedures;
  applyContextFile(files, pack, procedures, issues, map);
  applyCoachingFile(files, pack, procedures, issues, map);
  const result = parsePack(pack);
  const located = (p: PackError) => {
    const path = toSegments(p.path);
    const hit = map.resolve(path);
    const message = `${fieldName(path)}${p.message}`;
    return { issue: { ...(hit?.loc ?? { file: PACK_FILE, line: 1 }), message }, vague: (hit?.depth ?? 0) <= 2 };
  };
  const warnings = result.ok ? result.warnings.map((w) => located(w).issue) : [];
  if (result.ok && !issues.length) return { ok: true, pack: result.pack, warnings };
  // The compile checks already explain most failures with better words. Drop schema
  // errors on a line already reported, and whole-procedure ones (unreachable end, …) in a
  // file with errors: they are usually consequences of those.
  const lines = new Set(issues.map((i) => `${i.file}:${i.line}`));
  const filesWithErrors = new Set(issues.map((i) => i.file));
  for (const { issue, vague } of result.ok ? [] : result.errors.map(located)) {
    if (lines.has(`${issue.file}:${issue.line}`) || (vague && filesWithErrors.has(issue.file))) continue;
    issues.push(issue);
  }
  return { ok: false, errors: sortIssues(issues, names), warnings };
}

function readPackYaml(files: ReadonlyMap<string, string>, issues: AuthoringIssue[], map: SourceMap) {
  const text = files.get(PACK_FILE);
  if (text === undefined) {
    issues.push({ file: PACK_FILE, line: 1, message: 'pack.yaml is missing: every pack folder needs one (id, version, title, languages)' });
    return undefined;
  }
  map.set([], { file: PACK_FILE, line: 1 });
  const block = parseYamlBlock(text, PACK_FILE, 1, issues, { map, prefix: [] });
  if (!block) return undefined;
  for (const [key, line] of block.keyLine) {
    if (!PACK_KEYS.includes(key)) issues.push({ file: PACK_FILE, line, message: `unknown key '${key}' (expected ${PACK_KEYS.join(', ')})` });
  }
  const d = block.data;
  const version = typeof d.version === 'string' && /^\d+$/.test(d.version) ? Number(d.version) : d.version;
  if (typeof version !== 'number') {
    issues.push({
      file: PACK_FILE,
      line: block.keyLine.get('version') ?? 1,
      message: 'version must be a whole number that goes up with every release, like "version: 3"',
    });
  }
  const title = typeof d.title === 'string' ? { 'zh-CN': d.title } : d.title;
  const languages = typeof d.languages === 'string' ? [d.languages] : d.languages;
  return { format: 1, id: d.id, version, title, languages } as Record<string, unknown>;
}

const ELEMENT_LISTS = new Set(['procedures', 'steps', 'phrases', 'checklist', 'choices']);

/** "kind: ", "text.en: " — the line may hold several fields; say which one is meant. */
function fieldName(path: PathSegment[]): string {
  // `channels[1]` names its list; `steps[3]` is a whole step, already named by its line.
  const p = typeof path.at(-1) === 'number' && !ELEMENT_LISTS.has(String(path.at(-2))) ? path.slice(0, -1) : path;
  const last = p.at(-1);
  const parent = p.at(-2);
  if (typeof last !== 'string') return '';
  return (last === 'en' || last === 'zh-CN') && typeof parent === 'string' ? `${parent}.${last}: ` : `${last}: `;
}

function sortIssues(issues: AuthoringIssue[], order: string[]): AuthoringIssue[] {
  const rank = (f: string) => (f === PACK_FILE ? -1 : order.indexOf(f));
  return [...issues].sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line);
}
