import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackFolder } from '../../cli/pack-folder';
import { compile, formatIssue } from './index';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/packs');
const fixtures = readdirSync(FIXTURES).filter((name) => existsSync(join(FIXTURES, name, 'pack.yaml')));

describe('compile: golden packs', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThan(0));

  it.each(fixtures)('%s compiles to golden.json', async (name) => {
    const result = compile(await readPackFolder(join(FIXTURES, name)));
    if (!result.ok) throw new Error(result.errors.map((e) => formatIssue(e)).join('\n'));
    await expect(`${JSON.stringify(result.pack, null, 2)}\n`).toMatchFileSnapshot(join(FIXTURES, name, 'golden.json'));
  });
});

const PACK_YAML = 'id: t.pack\nversion: 1\ntitle:\n  zh-CN: 测试\nlanguages: [zh-CN]\n';
const FRONT = '---\nid: call\ntitle: 来电\nkind: contact\n---\n';

/** Compile one procedure file (01-call.md) and return its errors as `file:line: message`. */
function errorsOf(body: string, packYaml = PACK_YAML): string[] {
  const result = compile(
    new Map([
      ['pack.yaml', packYaml],
      ['01-call.md', body],
    ]),
  );
  return result.ok ? [] : result.errors.map((e) => formatIssue(e));
}

describe('compile: errors point at file:line', () => {
  it('accepts the minimal file these tests start from', () => {
    expect(errorsOf(`${FRONT}\n## 问候 {#greet}\n`)).toEqual([]);
  });

  it('reports bad YAML in the front matter at its line', () => {
    const errors = errorsOf('---\nid: call\ntitle: [来电\nkind: contact\n---\n## 问候 {#greet}\n');
    expect(errors[0]).toMatch(/^01-call\.md:[34]: YAML: /);
  });

  it('reports bad YAML in pack.yaml', () => {
    expect(errorsOf(`${FRONT}## A {#a}\n`, 'id: t.pack\nversion: 1\n  title: x\n')[0]).toMatch(/^pack\.yaml:[23]: YAML: /);
  });

  it('reports a missing front matter id', () => {
    expect(errorsOf('---\ntitle: 来电\nkind: contact\n---\n## 问候 {#greet}\n')).toContain(
      "01-call.md:1: the front matter has no id (add a line like 'id: inbound-call')",
    );
  });

  it('reports a file without front matter', () => {
    expect(errorsOf('## 问候 {#greet}\n')[0]).toMatch(/^01-call\.md:1: missing front matter/);
  });

  it('reports an unknown step in next, in a choice and in start', () => {
    const errors = errorsOf('---\nid: call\ntitle: 来电\nkind: contact\nstart: nowhere\n---\n## A {#a}\n\n> next: missing\n\n## B {#b}\n\n- → 去 | Go: gone\n');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^01-call\.md:5: start: there is no step 'nowhere'/),
        expect.stringMatching(/^01-call\.md:9: next: there is no step 'missing' \(steps in this procedure: a, b\)/),
        expect.stringMatching(/^01-call\.md:13: this choice leads to 'gone'/),
      ]),
    );
  });

  it('reports duplicate step, phrase and checklist ids with the first use', () => {
    const errors = errorsOf(`${FRONT}## A {#a}\n- 💬 你好 {#hi}\n- [!] 核对 {#c}\n## B {#a}\n- 💬 您好 {#hi}\n- [ ] 再核对 {#c}\n`);
    expect(errors).toEqual([
      "01-call.md:9: duplicate step id 'a' (first used at 01-call.md:6)",
      "01-call.md:10: duplicate phrase id 'hi' (first used at 01-call.md:7)",
      "01-call.md:11: duplicate checklist item id 'c' (first used at 01-call.md:8)",
    ]);
  });

  it('reports duplicate procedure ids across files', () => {
    const result = compile(
      new Map([
        ['pack.yaml', PACK_YAML],
        ['01-a.md', `${FRONT}## A {#a}\n`],
        ['02-b.md', `${FRONT}## A {#a}\n`],
      ]),
    );
    expect(result.ok ? [] : result.errors.map((e) => formatIssue(e))).toEqual(["02-b.md:2: duplicate procedure id 'call' (first used at 01-a.md:2)"]);
  });

  it('reports bad attributes', () => {
    const errors = errorsOf(`${FRONT}## A {#a}\n> colour: red\n> time-limit: soon\n> addition: yes\n> next\n`);
    expect(errors).toEqual([
      expect.stringMatching(/^01-call\.md:7: unknown attribute 'colour' \(known: next, channels/),
      expect.stringMatching(/^01-call\.md:8: 'soon' is not a duration/),
      "01-call.md:9: 'addition' takes no value: write just '> addition'",
      "01-call.md:10: 'next' needs a value, like '> next: verify'",
    ]);
  });

  it('reports a heading without an id and an unknown item flag', () => {
    expect(errorsOf(`${FRONT}## 问候\n- [!] 核对 {#c urgent}\n`)).toEqual([
      '01-call.md:6: this step has no id: end the heading with one, like "## 问候 | Greeting {#greet}"',
      "01-call.md:7: unknown flag 'urgent' in {…} (known: #id, verifies-identity)",
    ]);
  });

  it('maps schema errors back to the line that declared the value', () => {
    const errors = errorsOf('---\nid: call\ntitle: 来电\nkind: meeting\n---\n## A {#a}\n> channels: phone, fax\n- 💬 你好 {#Hi}\n');
    expect(errors).toEqual([
      '01-call.md:4: kind: must be one of "shift", "contact"',
      '01-call.md:7: channels: must be one of "phone", "online", "video"',
      expect.stringMatching(/^01-call\.md:8: id: must be a lowercase id/),
    ]);
  });

  it('maps semantic errors from parsePack (choices and next together)', () => {
    const errors = errorsOf(`${FRONT}## A {#a}\n> next: b\n- → 去 | Go: b\n## B {#b}\n`);
    expect(errors).toEqual(['01-call.md:7: next: cannot be used together with choices (a step either branches or has one next step)']);
  });

  it('reports unknown keys in pack.yaml and front matter', () => {
    const errors = errorsOf('---\nid: call\ntitle: 来电\nkind: contact\nowner: me\n---\n## A {#a}\n', `${PACK_YAML}author: x\n`);
    expect(errors).toEqual([
      "pack.yaml:6: unknown key 'author' (expected id, version, title, languages)",
      "01-call.md:5: unknown front matter key 'owner' (expected id, title, kind, channels, start, timeLimitSec, source)",
    ]);
  });

  it('maps warnings too: missing English where the pack promises it', () => {
    const packYaml = 'id: t.pack\nversion: 1\ntitle:\n  zh-CN: 测试\n  en: Test\nlanguages: [zh-CN, en]\n';
    const body = '---\nid: call\ntitle:\n  zh-CN: 来电\n  en: Call\nkind: contact\n---\n## 问候 | Greeting {#greet}\n- 💬 您好\n';
    const result = compile(
      new Map([
        ['pack.yaml', packYaml],
        ['01-call.md', body],
      ]),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => formatIssue(w))).toEqual(['01-call.md:9: text.en: English text is missing']);
  });

  it('names the field of pack.yaml errors found by the schema', () => {
    expect(errorsOf(`${FRONT}## A {#a}\n`, 'id: t.pack\nversion: 1\ntitle: 测试\nlanguages: [en]\n')).toEqual([
      'pack.yaml:4: languages: must include "zh-CN" (every text has Chinese)',
    ]);
  });
});
