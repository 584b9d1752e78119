/** A small pack's authoring files with anchors of every kind, for the tests of lib/pick. */
import { decompile } from '../pack/authoring';
import { parsePack } from '../pack/parse';
import type { PackFiles } from '../studio/contract';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export function anchorPackFiles(fieldSelector = '#phone', match = 'https://crm.test/*'): PackFiles {
  const r = parsePack({
    format: 1,
    id: 'pick-test',
    version: 1,
    title: L('测试', 'Test'),
    languages: ['zh-CN', 'en'],
    procedures: [
      {
        id: 'p',
        title: L('流程', 'Flow'),
        kind: 'contact',
        start: 'a',
        steps: [
          { id: 'a', title: L('甲', 'A'), next: 'b', anchors: [{ name: L('备注', 'Notes'), selector: '#notes', frame: 'notes-frame' }] },
          { id: 'b', title: L('乙', 'B') },
        ],
      },
    ],
    sites: [
      {
        id: 'crm',
        match: [match],
        fields: [
          { id: 'customer.name', name: L('姓名', 'Name'), labelText: '客户姓名' },
          { id: 'customer.phone', name: L('电话', 'Phone'), selector: fieldSelector },
        ],
        guards: [{ id: 'change-plan', name: L('改套餐', 'Change plan'), labelText: 'Change plan' }],
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return Object.fromEntries(decompile(r.pack));
}
