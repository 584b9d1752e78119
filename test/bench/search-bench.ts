/**
 * Palette search speed at 20,000 phrases: our index against a plain Fuse.js index over the
 * same texts and queries. Deterministic (seeded corpus and queries) so runs compare; the two
 * engines alternate query by query so machine noise hits both alike.
 * Run from a .mjs through jiti: `(await createJiti(import.meta.url).import('./search-bench.ts')).benchSearch()`.
 */
import Fuse from 'fuse.js';
import { buildIndex, search } from '../../lib/search';
import { pinyinInitials } from '../../lib/search/pinyin';
import type { Pack, Phrase } from '../../lib/pack/schema';
import { seeded as prng } from './stats';

const ZH_WORDS = (
  '您好 客户 服务 公司 请问 投诉 咨询 办理 业务 套餐 流量 话费 账单 查询 退款 订单 物流 地址 身份 验证 手机 号码 ' +
  '密码 重置 网络 故障 维修 预约 时间 感谢 来电 稍等 核实 信息 帮助 处理 反馈 满意 评价 工单 升级 优惠 活动 积分 兑换 会员 权益 ' +
  '宽带 安装 费用 发票 邮寄 取消 变更 确认 提交 成功 失败 原因 建议 意见 专员 联系 回电 短信 链接 登录 账户 冻结 解冻 银行卡 支付 ' +
  '扣款 到账 今天 明天 小时 工作日 我们 您的 已经 正在 马上 为您 需要 可以 请 的 了 吗 是 在 和'
).split(' ');
const EN_WORDS = (
  'hello customer service company please complaint inquiry handle account plan data bill balance refund order ' +
  'delivery address identity verify phone number password reset network fault repair appointment time thank calling moment ' +
  'check information help process feedback satisfied rating ticket escalate discount offer points redeem member benefit ' +
  'broadband install fee invoice mail cancel change confirm submit success failure reason suggestion specialist contact ' +
  'callback message link login frozen card payment charge today tomorrow hour business day we your already now right away ' +
  'for you need can the a of to is in and with'
).split(' ');
const MISSES = ['量子纠缠', '火星基地', 'xylophone', 'qqqzzz', 'zebra crossing', 'kkkx'];

export interface Item {
  zh: string;
  en?: string;
}

export function makeCorpus(count: number, seed = 42): Item[] {
  const rand = prng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const sentence = (words: string[], sep: string, comma: string, end: string) => {
    const n = 6 + Math.floor(rand() * 9);
    const out = Array.from({ length: n }, (_, i) => pick(words) + (i > 2 && i < n - 1 && rand() < 0.1 ? comma : ''));
    return out.join(sep) + end;
  };
  return Array.from({ length: count }, () => {
    const zh = sentence(ZH_WORDS, '', '，', '。');
    if (rand() < 0.2) return { zh };
    const en = sentence(EN_WORDS, ' ', ',', '.');
    return { zh, en: en.charAt(0).toUpperCase() + en.slice(1) };
  });
}

/** One pack: 50 procedures × 20 steps × 20 phrases per 20,000 items. */
export function makePack(items: Item[]): Pack {
  const per = 20;
  const procedures: Pack['procedures'] = [];
  for (let s = 0; s * per < items.length; s++) {
    if (s % per === 0)
      procedures.push({ id: `p${s / per}`, title: { 'zh-CN': `流程 ${s / per}`, en: `Procedure ${s / per}` }, kind: 'contact', start: `s${s}`, steps: [] });
    const phrases: Phrase[] = items
      .slice(s * per, (s + 1) * per)
      .map((it, i) => ({ id: `x${s * per + i}`, text: { 'zh-CN': it.zh, ...(it.en ? { en: it.en } : {}) } }));
    procedures.at(-1)!.steps.push({ id: `s${s}`, title: { 'zh-CN': `步骤 ${s}`, en: `Step ${s}` }, phrases });
  }
  return { format: 1, id: 'bench', version: 1, title: { 'zh-CN': '基准' }, languages: ['zh-CN', 'en'], procedures };
}

export function makeQueries(items: Item[], seed = 7): string[] {
  const rand = prng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
  const queries: string[] = [];
  for (let i = 0; i < 16; i++) {
    const zh = pick(items).zh;
    const start = Math.floor(rand() * (zh.length - 4));
    queries.push(zh.slice(start, start + 2 + Math.floor(rand() * 3)));
  }
  for (let i = 0; i < 12; i++) queries.push(pick(EN_WORDS));
  for (let i = 0; i < 6; i++) queries.push(pick(EN_WORDS).slice(0, 3));
  for (let i = 0; i < 8; i++) queries.push(pinyinInitials(pick(ZH_WORDS) + pick(ZH_WORDS)));
  for (let i = 0; i < 2; i++) queries.push(`${pick(EN_WORDS)} ${pick(EN_WORDS)}`, `${pick(ZH_WORDS)} ${pick(ZH_WORDS)}`);
  return [...queries, ...MISSES];
}

// Fuse takes ~0.3 s a query here, so one warm-up round (JIT, caches) and the minimum ten
// measured rounds keep a run near three minutes.
const WARMUP = 1;
const ROUNDS = 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export async function benchSearch(): Promise<{ searchMs20k: number; fuseBaselineMs20k: number; ratio: number; queries: number }> {
  const items = makeCorpus(20_000);
  const queries = makeQueries(items);
  const index = buildIndex([makePack(items)]);
  const fuse = new Fuse(items, { keys: ['zh', 'en'] });
  const limit = 20;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    let a = 0;
    let b = 0;
    for (const q of queries) {
      // Swap who goes first each round so neither always runs on a warmer cache.
      for (const which of round % 2 ? ['fuse', 'ours'] : ['ours', 'fuse']) {
        const t0 = performance.now();
        if (which === 'ours') search(index, q, { limit });
        else fuse.search(q, { limit });
        const dt = performance.now() - t0;
        if (which === 'ours') a += dt;
        else b += dt;
      }
    }
    if (round >= WARMUP) {
      ours.push(a / queries.length);
      theirs.push(b / queries.length);
    }
    await new Promise((r) => setTimeout(r, 0));
  }
  const searchMs20k = median(ours);
  const fuseBaselineMs20k = median(theirs);
  return { searchMs20k, fuseBaselineMs20k, ratio: fuseBaselineMs20k / searchMs20k, queries: queries.length };
}
