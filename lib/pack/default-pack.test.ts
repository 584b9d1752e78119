import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePack } from './parse';
import type { Pack, Procedure } from './schema';

const packText = readFileSync(new URL('../../public/packs/default.json', import.meta.url), 'utf8');
// The source SOP sits beside the repo (../shared from the repo root); CI has it.
const manualUrl = new URL('../../../shared/reference/telecom-cs-sop.zh.md', import.meta.url);

/**
 * The manual's standard wording, as the pack must quote it. The manual's [公司名称] and
 * [工号] become {company} and {agentId}; everything else, punctuation included, is the
 * manual's own (its commas and question marks are ASCII, its full stop is full-width).
 */
const VERBATIM = {
  greeting: '您好,{company}客服{agentId},很高兴为您服务,请问有什么可以帮您?',
  acknowledgements: ['嗯', '是的', '我明白了'],
  clarify: '您的意思是说,您的手机无法拨打电话,对吗?',
  apology: '非常抱歉给您带来了不好的体验,我们一定会尽力帮您解决。',
};

const result = parsePack(JSON.parse(packText));
if (!result.ok) throw new Error(`default pack is invalid: ${JSON.stringify(result.errors, null, 2)}`);
const pack: Pack = result.pack;

const procedure = (id: string): Procedure => {
  const found = pack.procedures.find((p) => p.id === id);
  if (!found) throw new Error(`no procedure ${id}`);
  return found;
};
const step = (procedureId: string, stepId: string) => procedure(procedureId).steps.find((s) => s.id === stepId);
const phrasesOf = (p: Procedure) => p.steps.flatMap((s) => (s.phrases ?? []).map((ph) => ph.text['zh-CN']));

describe('default pack', () => {
  it('parses with no errors and no warnings', () => {
    expect(result.warnings).toEqual([]);
    expect(pack).toMatchObject({ id: 'telecom.cs-sop', version: 1, format: 1, languages: ['zh-CN', 'en'] });
    expect(pack.procedures.map((p) => p.id)).toEqual(['shift-prep', 'inbound-phone', 'inbound-online', 'transfer', 'escalation', 'complaint']);
  });

  it('keeps the inline copy of the standard wording in step with the manual', () => {
    if (!existsSync(manualUrl)) return; // the fallback strings above stand in for it
    const manual = readFileSync(manualUrl, 'utf8');
    const quoted = [...manual.matchAll(/“([^”]*)”/g)].map((m) => m[1]);
    const greeting = VERBATIM.greeting.replace('{company}', '[公司名称]').replace('{agentId}', '[工号]');
    for (const text of [greeting, ...VERBATIM.acknowledgements, VERBATIM.clarify, VERBATIM.apology]) {
      expect(quoted).toContain(text);
    }
  });

  it('quotes the standard wording verbatim where it is used', () => {
    for (const id of ['inbound-phone', 'inbound-online']) {
      expect(step(id, 'greet')?.phrases?.map((p) => p.text['zh-CN'])).toContain(VERBATIM.greeting);
      expect(step(id, 'listen')?.phrases?.map((p) => p.text['zh-CN'])).toContain(VERBATIM.clarify);
      expect(step(id, 'complaint-soothe')?.phrases?.map((p) => p.text['zh-CN'])).toContain(VERBATIM.apology);
    }
    expect(phrasesOf(procedure('inbound-phone'))).toEqual(expect.arrayContaining(VERBATIM.acknowledgements));
    expect(step('complaint', 'soothe')?.phrases?.map((p) => p.text['zh-CN'])).toContain(VERBATIM.apology);
  });

  it('answers the phone within three rings and verifies identity with a required item', () => {
    expect(step('inbound-phone', 'greet')?.timeLimitSec).toBe(15);
    for (const id of ['inbound-phone', 'inbound-online', 'complaint']) {
      expect(step(id, 'verify-identity')?.checklist).toContainEqual(expect.objectContaining({ verifiesIdentity: true, required: true }));
    }
  });

  it('branches on the five need types, and gates query and handling on identity', () => {
    for (const id of ['inbound-phone', 'inbound-online']) {
      const choices = step(id, 'classify')?.choices ?? [];
      expect(choices.map((c) => [c.id, c.label['zh-CN']])).toEqual([
        ['consult', '咨询'],
        ['query', '查询'],
        ['handle', '办理'],
        ['complaint', '投诉'],
        ['suggestion', '建议'],
      ]);
      expect(choices.map((c) => c.next)).toEqual(['consult', 'query', 'handle', 'complaint-soothe', 'suggestion']);
      expect(step(id, 'query')?.requiresIdentity).toBe(true);
      expect(step(id, 'handle')?.requiresIdentity).toBe(true);
      expect(step(id, 'complaint-check')?.requiresIdentity).toBe(true);
    }
  });

  it('records what 2.5 requires, all required', () => {
    const wanted = ['客户基本信息', '联系方式', '受理时间', '问题描述', '处理过程及结果'];
    for (const id of ['inbound-phone', 'inbound-online']) {
      const items = step(id, 'record')?.checklist ?? [];
      for (const text of wanted) {
        expect(items.find((i) => i.text['zh-CN'].startsWith(text))).toMatchObject({ required: true });
      }
    }
  });

  it('marks every complaint step beyond the source as an addition', () => {
    const complaint = procedure('complaint');
    expect(step('complaint', 'soothe')).toMatchObject({ source: '3.5' });
    expect(step('complaint', 'soothe')?.addition).toBeUndefined();
    for (const s of complaint.steps.filter((s) => s.id !== 'soothe')) expect(s).toMatchObject({ addition: true });
    for (const id of ['inbound-phone', 'inbound-online']) {
      const inline = procedure(id).steps.filter((s) => s.id.startsWith('complaint-') && s.id !== 'complaint-soothe');
      expect(inline.length).toBeGreaterThan(0);
      for (const s of inline) expect(s).toMatchObject({ addition: true });
    }
  });

  it('says where every step comes from: a source section or an addition, never both', () => {
    for (const p of pack.procedures) {
      for (const s of p.steps) expect([s.id, Boolean(s.source) !== Boolean(s.addition)]).toEqual([s.id, true]);
    }
  });
});
