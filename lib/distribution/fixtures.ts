/**
 * Two releases of a small team pack for the subscription and what-changed tests: v2 rewords
 * one phrase, adds one, removes one, and adds a step.
 */
import type { Pack } from '../pack/schema';

const zh = (zhCN: string, en: string) => ({ 'zh-CN': zhCN, en });

export function teamPack(version: 1 | 2 = 1): Pack {
  const closeText =
    version === 1 ? zh('感谢来电，再见。', 'Thank you for calling, goodbye.') : zh('感谢您的来电，祝您愉快。', 'Thank you for calling us, have a good day.');
  return {
    format: 1,
    id: 'acme.team-b',
    version,
    title: zh('B 组话术', 'Team B script'),
    languages: ['zh-CN', 'en'],
    procedures: [
      {
        id: 'callback',
        title: zh('回访', 'Callback'),
        kind: 'contact',
        start: 'open',
        steps: [
          {
            id: 'open',
            title: zh('开场', 'Opening'),
            phrases: [{ id: 'hello', text: zh('您好，这里是{company}回访。', 'Hello, this is {company} calling back.') }],
            checklist: [{ id: 'greeted', text: zh('已问候', 'Greeted'), required: true }],
            next: version === 1 ? 'close' : 'survey',
          },
          ...(version === 2 ? [{ id: 'survey', title: zh('满意度', 'Survey'), next: 'close' }] : []),
          {
            id: 'close',
            title: zh('结束', 'Close'),
            phrases: [
              { id: 'bye', text: closeText },
              ...(version === 1 ? [{ id: 'old-note', text: zh('旧提示', 'Old note') }] : [{ id: 'thanks', text: zh('新增致谢', 'New thanks') }]),
            ],
          },
        ],
      },
    ],
  };
}
