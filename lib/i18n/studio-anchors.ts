/**
 * Words for Studio's Anchors pane and the options page's Studio address (issue 12), in both
 * languages; the pane looks its own up (`anchorsT`), the options strings join en.ts / zh-cn.ts.
 */
export const anchorsEn = {
  'anchors.intro':
    'Every anchor must match exactly one element in a snapshot of some page of its site, and never several. A snapshot also lists the anchors it tests (those found when saved; edit the list in the file): they must match there. Pick anchors on your CRM page, save a masked snapshot of each page that has anchors, run the tests before publishing.',
  'anchors.none': 'This pack has no anchors yet (context fields, guards, field checks, "Show me").',
  'anchors.pick': 'Pick on CRM',
  'anchors.picking': 'Click the element in your CRM tab (Esc cancels)…',
  'anchors.picked': '{anchor}: set to {locator} ({matches} on the page)',
  'anchors.byHand': 'edit in context.yaml',
  'anchors.snapshotName': 'Snapshot name',
  'anchors.snapshot': 'Save snapshot',
  'anchors.snapshotting': 'Saving a masked snapshot of your CRM tab…',
  'anchors.saved': 'Saved {file} (page {page}); every value in it is masked.',
  'anchors.listed': 'It tests {count} anchor(s) found on that page.',
  'anchors.untested': 'Untested: {count} anchor(s) whose site has no snapshot ({names}). Save a snapshot of the page they are on.',
  'anchors.unknown': 'Snapshot "{snapshot}" lists "{anchor}", which the pack no longer has: remove or rename it in the file.',
  'anchors.badName': 'A snapshot name uses letters, digits, "-" and "_" only.',
  'anchors.run': 'Run tests',
  'anchors.pass': 'All anchors match exactly one element in {count} snapshot(s).',
  'anchors.noSnapshots': 'No snapshots yet: open your CRM page and save one.',
  'anchors.failed': '{count} anchor test(s) failed:',
  'anchors.noBridge': 'Your Cuecard extension is not answering on this page. In its options (Anchors), set the Studio address to {origin}.',
  'anchors.fail.no-crm-tab': 'Open your CRM page in a tab first (a site Cuecard works on).',
  'anchors.fail.cancelled': 'Pick cancelled.',
  'anchors.fail.no-anchor': 'Nothing stable points at that element (no label, name, id or test attribute): choose another or write a selector by hand.',
  'anchors.fail.busy': 'A pick is already under way in your CRM tab.',
  'anchors.fail.empty': 'The CRM tab gave no snapshot: reload it and try again.',
} as const;
export type AnchorsKey = keyof typeof anchorsEn;

export const anchorsZh: Record<AnchorsKey, string> = {
  'anchors.intro':
    '每个锚点必须在其网站某个页面的快照中恰好匹配一个元素，且在任何快照中都不得匹配多个。快照还列出它所测试的锚点（保存时找到的锚点；可在文件中编辑），这些锚点必须在该快照中匹配。在 CRM 页面上拾取锚点，为每个含锚点的页面保存脱敏快照，发布前运行测试。',
  'anchors.none': '此话术包还没有锚点（上下文字段、受保护控件、字段检查、“指给我看”）。',
  'anchors.pick': '在 CRM 中拾取',
  'anchors.picking': '请在 CRM 标签页中点击该元素（按 Esc 取消）…',
  'anchors.picked': '{anchor}：已设为 {locator}（页面上匹配 {matches} 个）',
  'anchors.byHand': '请在 context.yaml 中编辑',
  'anchors.snapshotName': '快照名称',
  'anchors.snapshot': '保存快照',
  'anchors.snapshotting': '正在保存 CRM 标签页的脱敏快照…',
  'anchors.saved': '已保存 {file}（页面 {page}），其中所有值均已脱敏。',
  'anchors.listed': '它测试在该页面上找到的 {count} 个锚点。',
  'anchors.untested': '未测试：{count} 个锚点所属网站还没有快照（{names}）。请保存它们所在页面的快照。',
  'anchors.unknown': '快照“{snapshot}”列出了“{anchor}”，但话术包中已没有此锚点：请在文件中删除或改名。',
  'anchors.badName': '快照名称只能包含字母、数字、“-”和“_”。',
  'anchors.run': '运行测试',
  'anchors.pass': '所有锚点在 {count} 份快照中均恰好匹配一个元素。',
  'anchors.noSnapshots': '还没有快照：请打开 CRM 页面并保存一份。',
  'anchors.failed': '{count} 项锚点测试未通过：',
  'anchors.noBridge': '此页面上的 Cuecard 扩展没有响应。请在扩展选项（锚点）中将 Studio 地址设为 {origin}。',
  'anchors.fail.no-crm-tab': '请先在标签页中打开 CRM 页面（Cuecard 已启用的网站）。',
  'anchors.fail.cancelled': '已取消拾取。',
  'anchors.fail.no-anchor': '该元素没有稳定的定位依据（无标签、name、id 或测试属性）：请换一个元素，或手写选择器。',
  'anchors.fail.busy': 'CRM 标签页中已有一次拾取在进行。',
  'anchors.fail.empty': 'CRM 标签页没有返回快照：请刷新后重试。',
};

export function anchorsT(lang: 'zh' | 'en') {
  const table: Record<AnchorsKey, string> = lang === 'zh' ? anchorsZh : anchorsEn;
  return (key: AnchorsKey, params: Record<string, string | number> = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, n: string) => (n in params ? String(params[n]) : whole));
}

/** The options page's Studio address (spread into en.ts and zh-cn.ts). */
export const studioOptionsEn = {
  'options.studio.title': 'Studio address (team leads)',
  'options.studio.hint':
    'Only the Cuecard Studio page at this address may ask this browser to pick CRM elements or save masked page snapshots. It never receives a field’s value.',
  'options.studio.address': 'Studio address',
  'options.studio.save': 'Allow this Studio',
  'options.studio.remove': 'Remove',
  'options.studio.current': 'Studio at {origin} may ask for picks and snapshots.',
  'options.studio.none': 'No Studio address: no page can ask for picks or snapshots.',
  'options.studio.denied': 'Access to {origin} was not granted, so Studio cannot reach Cuecard there.',
  'options.studio.bad': '"{url}" is not a web address (like https://hub.example.com/studio/).',
} as const;

export const studioOptionsZh: Record<keyof typeof studioOptionsEn, string> = {
  'options.studio.title': 'Studio 地址（组长使用）',
  'options.studio.hint': '只有此地址上的 Cuecard Studio 页面可以请求本浏览器拾取 CRM 元素或保存脱敏页面快照。它永远收不到字段的值。',
  'options.studio.address': 'Studio 地址',
  'options.studio.save': '允许此 Studio',
  'options.studio.remove': '移除',
  'options.studio.current': '{origin} 上的 Studio 可以请求拾取和快照。',
  'options.studio.none': '未设置 Studio 地址：任何页面都不能请求拾取或快照。',
  'options.studio.denied': '未获得访问 {origin} 的权限，Studio 无法在该处与 Cuecard 通信。',
  'options.studio.bad': '“{url}”不是网址（例如 https://hub.example.com/studio/）。',
};
