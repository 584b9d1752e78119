import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackFolder } from '../../cli/pack-folder';
import { parsePack } from '../parse';
import type { Pack } from '../schema';
import { compile, decompile, formatIssue } from './index';

const ROOT = resolve(__dirname, '../../..');
const FIXTURES = join(ROOT, 'test/fixtures/packs');

function roundTrip(pack: Pack): Pack {
  const result = compile(decompile(pack));
  if (!result.ok) throw new Error(result.errors.map((e) => formatIssue(e)).join('\n'));
  return result.pack;
}

function parsed(json: unknown): Pack {
  const result = parsePack(json);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

describe('decompile', () => {
  it('round-trips the default pack: compile(decompile(p)) equals p', () => {
    const pack = parsed(JSON.parse(readFileSync(join(ROOT, 'public/packs/default.json'), 'utf8')));
    expect(roundTrip(pack)).toStrictEqual(pack);
  });

  const fixtures = readdirSync(FIXTURES).filter((n) => existsSync(join(FIXTURES, n, 'pack.yaml')));
  it.each(fixtures)('round-trips fixture %s', async (name) => {
    const first = compile(await readPackFolder(join(FIXTURES, name)));
    if (!first.ok) throw new Error('fixture does not compile');
    expect(roundTrip(first.pack)).toStrictEqual(first.pack);
  });

  it('names files so they sort in pack order, and leaves out default ids', () => {
    const pack = parsed(JSON.parse(readFileSync(join(ROOT, 'public/packs/default.json'), 'utf8')));
    const files = [...decompile(pack).keys()];
    expect(files[0]).toBe('pack.yaml');
    expect(files.slice(1)).toEqual([...pack.procedures.map((p, i) => `${String(i + 1).padStart(2, '0')}-${p.id}.md`), 'context.yaml', 'coaching.yaml']);
  });

  it('escapes text that would read as syntax, and pins ids the text would hide', () => {
    const tricky = parsed({
      format: 1,
      id: 'tricky',
      version: 1,
      title: { 'zh-CN': 'A | B 标题', en: 'x | y' },
      languages: ['zh-CN', 'en'],
      procedures: [
        {
          id: 'p',
          title: { 'zh-CN': '流程' },
          kind: 'contact',
          start: 's1',
          description: { 'zh-CN': '> 引用\n\n\n\n## 不是步骤', en: 'en: nested\n- [!] not an item' },
          steps: [
            {
              id: 's1',
              title: { 'zh-CN': '甲 \\| 乙 | 丙', en: 'Title: with colon' },
              guidance: { 'zh-CN': '\\ 反斜杠开头\n  缩进行\n- → 不是选项', en: '' },
              phrases: [
                { id: 's1.say-1', text: { 'zh-CN': '结尾像标记 {#oops}', en: 'line\n  indented\nen: again' } },
                { id: 'custom', text: { 'zh-CN': '\n首行为空' }, label: { 'zh-CN': '标 | 签' }, channels: ['phone'] },
              ],
              checklist: [{ id: 's1.check-1', text: { 'zh-CN': '核对 {verifies-identity}' }, required: false }],
              choices: [
                { id: 'go', label: { 'zh-CN': '去：那里', en: 'Go: there' }, next: 's2' },
                { id: 's3', label: { 'zh-CN': '三' }, next: 's3' },
              ],
            },
            { id: 's2', title: { 'zh-CN': '' }, timeLimitSec: 3725, next: 's4' },
            { id: 's3', title: { 'zh-CN': '三' }, source: '2.10' },
            { id: 's4', title: { 'zh-CN': '四' } },
          ],
        },
      ],
    });
    expect(roundTrip(tricky)).toStrictEqual(tricky);
  });
});
