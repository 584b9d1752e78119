/**
 * One procedure file: YAML front matter between `---` lines, then the Markdown body.
 */
import { parseBody, type BodyDraft } from './markdown-body';
import type { AuthoringIssue, SourceMap } from './source-map';
import { parseYamlBlock, type YamlBlock } from './yaml-block';

export const FRONT_MATTER_KEYS = ['id', 'title', 'kind', 'channels', 'start', 'timeLimitSec', 'source'] as const;

export interface ProcedureDraft {
  file: string;
  index: number;
  front: YamlBlock;
  body: BodyDraft;
}

export function readProcedureFile(file: string, text: string, index: number, issues: AuthoringIssue[], map: SourceMap): ProcedureDraft | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fail = (line: number, message: string) => issues.push({ file, line, message });
  if (lines[0]?.trim() !== '---') {
    fail(1, "missing front matter: start the file with a '---' line, then id:, title: and kind:, then another '---' line");
    return undefined;
  }
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (close < 0) {
    fail(1, "the front matter is not closed: add a '---' line after it");
    return undefined;
  }
  map.set(['procedures', index], { file, line: 1 });
  const front = parseYamlBlock(lines.slice(1, close).join('\n'), file, 2, issues, { map, prefix: ['procedures', index] });
  if (!front) return undefined;
  for (const [key, line] of front.keyLine) {
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      fail(line, `unknown front matter key '${key}' (expected ${FRONT_MATTER_KEYS.join(', ')})`);
    }
  }
  if (typeof front.data.id !== 'string' || !front.data.id) fail(1, "the front matter has no id (add a line like 'id: inbound-call')");
  if (front.data.title === undefined) fail(1, "the front matter has no title (add 'title:' with zh-CN: and en: lines below it)");
  if (front.data.kind === undefined) fail(1, "the front matter has no kind (add 'kind: contact' or 'kind: shift')");
  const body = parseBody(lines.slice(close + 1), close + 2, file, issues);
  if (!body.steps.length) fail(close + 2, "this procedure has no steps: each step starts with a heading like '## 问候 | Greeting {#greet}'");
  return { file, index, front, body };
}
