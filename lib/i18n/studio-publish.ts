/** UI strings of Studio's Publish pane, English and Chinese (issue 12). */
const en = {
  title: 'Publish',
  packInvalid: 'The pack has {count} error(s). Fix them in the editor before publishing; nothing is signed until it compiles.',
  keyLabel: 'Signing key (the private key file from "cuecard pack keygen")',
  keyHelp: 'The key is read in this page and never sent anywhere.',
  keyLoaded: 'Key ID {keyId}',
  keyNotTrusted:
    'The hub does not accept releases signed with key {keyId}. Use the team key the hub trusts ({trusted}), or ask the hub operator to add this key with --trust.',
  sequenceLabel: 'Release number (sequence)',
  sequenceHint: 'Published: release {sequence}. Extensions take only a higher number.',
  versionHint: 'pack.yaml still says version {current}, like the published release: agents see "What changed" only when the version goes up.',
  stageLabel: 'Publish to',
  'stage.draft': 'Draft (nobody yet)',
  'stage.pilot': 'Pilot',
  'stage.everyone': 'Everyone',
  audienceLabel: 'Pilot agents or teams, comma-separated',
  atLabel: 'At (UTC, optional)',
  anchorsFail: '{count} anchor test(s) fail:',
  reasonLabel: 'Reason to publish anyway (recorded with the release)',
  reasonNeeded: 'Give a reason to publish with failing anchor tests, or fix them first.',
  publish: 'Sign and publish',
  saveToFolder: 'Sign and save to the folder',
  folderHelp:
    'Saving writes <pack id>-<version>.signed.json into the pack folder, ready for your static host; a reason to publish with failing anchor tests goes to publish-log.jsonl.',
  download: 'Sign and download',
  working: 'Signing…',
  published: 'Published release {sequence} ({stage}).',
  saved: 'Saved {file} in the pack folder.',
  downloaded: 'Downloaded {file}.',
  needKey: 'Choose the private key file first.',
  badSequence: 'The release number must be a whole number of at least 1.',
  hubRefused: 'The hub refused the release: {message}',
  failed: 'Not published: {message}',
  noFolderSave: 'This Studio server cannot save signed files to the folder. Use "Sign and download" and put the file beside the pack.',
};

export type PublishKey = keyof typeof en;

const zh: Record<PublishKey, string> = {
  title: '发布',
  packInvalid: '流程包有 {count} 处错误。请先在编辑器中修正；编译通过前不会签名。',
  keyLabel: '签名密钥（"cuecard pack keygen" 生成的私钥文件）',
  keyHelp: '密钥只在本页面中读取，不会发送到任何地方。',
  keyLoaded: '密钥 ID {keyId}',
  keyNotTrusted: '中心不接受密钥 {keyId} 签名的发布。请使用中心信任的团队密钥（{trusted}），或请中心管理员用 --trust 添加此密钥。',
  sequenceLabel: '发布编号（sequence）',
  sequenceHint: '已发布：第 {sequence} 号。扩展只接受更大的编号。',
  versionHint: 'pack.yaml 的版本仍是 {current}，与已发布的相同：只有版本升高，坐席才会看到"变更内容"。',
  stageLabel: '发布到',
  'stage.draft': '草稿（暂不下发）',
  'stage.pilot': '试点',
  'stage.everyone': '全员',
  audienceLabel: '试点坐席工号或团队，用逗号分隔',
  atLabel: '时间（UTC，可选）',
  anchorsFail: '{count} 项锚点测试未通过：',
  reasonLabel: '仍要发布的理由（随发布记录）',
  reasonNeeded: '锚点测试未通过时发布需要填写理由，或先修正锚点。',
  publish: '签名并发布',
  saveToFolder: '签名并保存到文件夹',
  folderHelp: '保存会把 <流程包 ID>-<版本>.signed.json 写入流程包文件夹，可直接放到静态主机；带着失败的锚点测试发布的理由记录在 publish-log.jsonl。',
  download: '签名并下载',
  working: '正在签名…',
  published: '已发布第 {sequence} 号（{stage}）。',
  saved: '已将 {file} 保存到流程包文件夹。',
  downloaded: '已下载 {file}。',
  needKey: '请先选择私钥文件。',
  badSequence: '发布编号必须是不小于 1 的整数。',
  hubRefused: '中心拒绝了此发布：{message}',
  failed: '未发布：{message}',
  noFolderSave: '此 Studio 服务器不能把签名文件保存到文件夹。请使用"签名并下载"，并把文件放在流程包旁边。',
};

export const PUBLISH_MESSAGES = { en, zh } as const;

export function tp(lang: 'en' | 'zh', key: PublishKey, params: Record<string, string | number> = {}): string {
  return PUBLISH_MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
