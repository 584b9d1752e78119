/**
 * YAML for pack.yaml and front matter. Read with the failsafe schema so every scalar is a
 * string: `source: 2.10` stays "2.10" and `id: no` stays "no" (YAML 1.1/1.2 typing would
 * turn them into a number or a boolean behind the author's back). Numbers are converted
 * by the caller, field by field.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { AuthoringIssue, PathSegment, SourceMap } from './source-map';

export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };

export interface YamlBlock {
  data: Record<string, YamlValue>;
  /** 1-based line of each top-level key. */
  keyLine: Map<string, number>;
}

/**
 * @param firstLine line number of `text`'s first line in the file (front matter starts at 2)
 * @param mapTo where the keys land in the pack, for the source map
 */
export function parseYamlBlock(
  text: string,
  file: string,
  firstLine: number,
  issues: AuthoringIssue[],
  sourceMap?: { map: SourceMap; prefix: PathSegment[] },
): YamlBlock | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lc.linePos(offset).line + firstLine - 1;
  if (doc.errors.length) {
    for (const e of doc.errors) issues.push({ file, line: lineAt(e.pos[0]), message: `YAML: ${e.message}` });
    return undefined;
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    return { data: {}, keyLine: new Map() };
  }
  if (!isMap(root)) {
    issues.push({ file, line: lineAt(root.range?.[0] ?? 0), message: 'expected "key: value" lines' });
    return undefined;
  }
  const keyLine = new Map<string, number>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    keyLine.set(key, lineAt(pair.key && isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0));
  }
  if (sourceMap) record(root, sourceMap.prefix, sourceMap.map, file, lineAt);
  return { data: doc.toJS() as Record<string, YamlValue>, keyLine };
}

/** Record the line of every key and list item, so nested schema errors find their line. */
function record(node: Node, path: PathSegment[], map: SourceMap, file: string, lineAt: (o: number) => number): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const p = [...path, String(pair.key.value)];
      map.set(p, { file, line: lineAt(pair.key.range?.[0] ?? 0) });
      if (pair.value && (isMap(pair.value) || isSeq(pair.value))) record(pair.value as Node, p, map, file, lineAt);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const n = item as Node;
      map.set([...path, i], { file, line: lineAt(n.range?.[0] ?? 0) });
      if (isMap(n) || isSeq(n)) record(n, [...path, i], map, file, lineAt);
    });
  }
}

/** A title written as a mapping `{zh-CN, en}` or, for Chinese only, a plain string. */
export function toLText(v: YamlValue | undefined): unknown {
  return typeof v === 'string' ? { 'zh-CN': v } : v;
}
