import { describe, expect, it } from 'vitest';
import type { LText, Pack, Step } from '../pack/schema';
import { buildIndex, search } from './index';

const t = (zh: string, en?: string): LText => (en === undefined ? { 'zh-CN': zh } : { 'zh-CN': zh, en });

/** A pack with one procedure whose steps each hold the given phrases. */
function pack(steps: { title: LText; guidance?: LText; phrases?: LText[] }[], id = 'demo', title = t('流程', 'Procedure')): Pack {
  const built: Step[] = steps.map((s, i) => ({
    id: `s${i}`,
    title: s.title,
    ...(s.guidance ? { guidance: s.guidance } : {}),
    phrases: (s.phrases ?? []).map((text, j) => ({ id: `s${i}-p${j}`, text })),
  }));
  return {
    format: 1,
    id,
    version: 1,
    title: t('包'),
    languages: ['zh-CN', 'en'],
    procedures: [{ id: 'proc', title, kind: 'contact', start: 's0', steps: built }],
  };
}

const ids = (hits: ReturnType<typeof search>) => hits.map((h) => h.phraseId ?? h.stepId ?? h.procedureId);

describe('search', () => {
  const index = buildIndex([
    pack([
      { title: t('问候客户', 'Greet the customer'), phrases: [t('您好，欢迎致电公司', 'Hello, thank you for calling'), t('您好公司客服为您服务')] },
      {
        title: t('处理投诉', 'Handle a complaint'),
        guidance: t('记录投诉内容', 'Record the complaint'),
        phrases: [t('我要投诉您的服务', 'I want to complain about the service')],
      },
      { title: t('退款', 'Refund'), phrases: [t('退款将在三个工作日内到账', 'The refund arrives within three business days')] },
    ]),
  ]);

  it('returns nothing for an empty query or an empty index', () => {
    expect(search(index, '')).toEqual([]);
    expect(search(index, '   ')).toEqual([]);
    const empty = buildIndex([]);
    expect(empty.size).toBe(0);
    expect(search(empty, '您好')).toEqual([]);
  });

  it('finds Chinese substrings', () => {
    expect(ids(search(index, '投诉'))).toEqual(['s1', 's1-p0']);
    expect(ids(search(index, '工作日'))).toEqual(['s2-p0']);
  });

  it('matches English case-insensitively by word prefix and substring, full-width too', () => {
    expect(ids(search(index, 'COMPLAIN'))).toEqual(['s1', 's1-p0']);
    expect(ids(search(index, 'ＲＥＦＵＮＤ'))).toEqual(['s2', 's2-p0']);
    expect(ids(search(index, 'usto'))).toEqual(['s0']);
  });

  it('matches runs of pinyin initials', () => {
    // Both start with 您好; the shorter text wins.
    expect(ids(search(index, 'nh'))).toEqual(['s0-p0', 's0-p1']);
    // 您好，欢迎致电公司 is nhhyzdgs: the run must be contiguous.
    expect(ids(search(index, 'nhgs'))).toEqual(['s0-p1']);
    expect(ids(search(index, 'hyzd'))).toEqual(['s0-p0']);
    expect(ids(search(index, 'tk'))).toEqual(['s2', 's2-p0']);
    expect(search(index, 'nhx')).toEqual([]);
  });

  it('ANDs space-separated terms, across languages and fields', () => {
    expect(ids(search(index, '您好 calling'))).toEqual(['s0-p0']);
    expect(ids(search(index, 'complaint record'))).toEqual(['s1']);
    expect(search(index, '投诉 refund')).toEqual([]);
  });

  it('honours the limit', () => {
    expect(search(index, 'e', { limit: 2 })).toHaveLength(2);
    expect(search(index, 'e', { limit: 0 })).toEqual([]);
  });

  it('shows the text in the chosen language, falling back to Chinese', () => {
    const [hit] = search(index, 'refund arrives', { lang: 'en' });
    expect(hit).toMatchObject({
      kind: 'phrase',
      packId: 'demo',
      procedureId: 'proc',
      stepId: 's2',
      phraseId: 's2-p0',
      text: 'The refund arrives within three business days',
    });
    expect(search(index, '退款将', { lang: 'zh-CN' })[0]?.text).toBe('退款将在三个工作日内到账');
    expect(search(index, '客服', { lang: 'en' })[0]?.text).toBe('您好公司客服为您服务');
    expect(search(index, 'proc', { lang: 'en' })[0]).toMatchObject({ kind: 'procedure', text: 'Procedure' });
  });
});

describe('ranking', () => {
  it('orders exact > prefix > word start > substring > pinyin initials', () => {
    const index = buildIndex([pack([{ title: t('x'), phrases: [t('ab'), t('hi qq abc'), t('xabc'), t('abc'), t('abcd'), t('阿布')] }])]);
    expect(search(index, 'ab').map((h) => h.text)).toEqual(['ab', 'abc', 'abcd', 'hi qq abc', 'xabc', '阿布']);
  });

  it('puts title matches above guidance matches', () => {
    const index = buildIndex([pack([{ title: t('记录'), guidance: t('核实身份') }, { title: t('请先核实客户身份再办理业务') }])]);
    expect(ids(search(index, '核实'))).toEqual(['s1', 's0']);
  });

  it('prefers shorter texts, then pack order', () => {
    const index = buildIndex([pack([{ title: t('x'), phrases: [t('请稍等片刻谢谢'), t('请稍等'), t('请稍等')] }])]);
    expect(ids(search(index, '稍等'))).toEqual(['s0-p1', 's0-p2', 's0-p0']);
  });

  it('prefers matches in the display language', () => {
    const index = buildIndex([pack([{ title: t('x'), phrases: [t('vip 客户'), t('客户', 'vip')] }])]);
    expect(ids(search(index, 'vip', { lang: 'en' }))).toEqual(['s0-p1', 's0-p0']);
  });
});
