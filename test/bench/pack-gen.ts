/**
 * A large, valid pack for timing validation: `count` procedures of six steps each, with
 * phrases, checklists (one identity check), a branch and a step gated on identity — the
 * shapes parsePack and its semantic checks walk. Deterministic: same seed, same bytes.
 */
import type { Pack, Procedure } from '../../lib/pack/schema';
import { seeded as prng } from './stats';

const ZH = '您好 客户 请问 办理 业务 套餐 流量 账单 查询 退款 订单 地址 身份 验证 号码 密码 网络 故障 预约 感谢 核实 处理 反馈 工单 升级'.split(' ');
const EN =
  'hello customer please handle account plan data bill check refund order address identity verify number password network fault booking thanks confirm process feedback ticket escalate'.split(
    ' ',
  );

export function makeBigPack(count = 1000, seed = 1): Pack {
  const rand = prng(seed);
  const words = (list: string[], n: number, sep: string) => Array.from({ length: n }, () => list[Math.floor(rand() * list.length)]).join(sep);
  const text = (n: number) => ({ 'zh-CN': words(ZH, n, ''), en: words(EN, n, ' ') });
  const procedure = (p: number): Procedure => ({
    id: `proc-${p}`,
    title: text(3),
    kind: 'contact',
    channels: ['phone', 'online'],
    start: 'greet',
    steps: [
      {
        id: 'greet',
        title: text(2),
        phrases: [
          { id: 'hello', text: text(14) },
          { id: 'name', text: text(10) },
        ],
        next: 'verify',
      },
      {
        id: 'verify',
        title: text(2),
        guidance: text(20),
        checklist: [
          { id: 'id-checked', text: text(6), required: true, verifiesIdentity: true },
          { id: 'number-read-back', text: text(6), required: false },
        ],
        next: 'route',
      },
      {
        id: 'route',
        title: text(2),
        choices: [
          { id: 'fix', label: text(2), next: 'fix' },
          { id: 'advise', label: text(2), next: 'advise' },
        ],
      },
      { id: 'fix', title: text(2), requiresIdentity: true, phrases: [{ id: 'fix-say', text: text(16) }], timeLimitSec: 300, next: 'close' },
      { id: 'advise', title: text(2), phrases: [{ id: 'advise-say', text: text(16) }], next: 'close' },
      { id: 'close', title: text(2), phrases: [{ id: 'bye', text: text(8) }], checklist: [{ id: 'noted', text: text(5), required: true }] },
    ],
  });
  return {
    format: 1,
    id: 'bench.big',
    version: 1,
    title: { 'zh-CN': '基准大包', en: 'Benchmark pack' },
    languages: ['zh-CN', 'en'],
    procedures: Array.from({ length: count }, (_, p) => procedure(p)),
  };
}
