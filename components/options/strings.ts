/** Options page strings, Chinese and English. */
export const optionsStrings = {
  'zh-CN': {
    title: 'Cuecard 设置', profile: '座席信息', company: '公司名称', agentId: '工号', name: '姓名',
    language: '界面语言', auto: '跟随浏览器', mode: '模式', newHire: '新员工(完整指引,必做项不可跳过)',
    experienced: '熟练座席(精简视图,必做项可注明原因跳过)', sites: 'CRM 站点', addSite: '添加站点',
    sitePlaceholder: 'https://crm.example.com/*', remove: '移除', packs: '话术包', importPack: '导入话术包文件',
    saved: '已保存', noSites: '尚未添加站点', version: '版本', imported: '已导入',
  },
  en: {
    title: 'Cuecard settings', profile: 'Agent profile', company: 'Company name', agentId: 'Agent ID', name: 'Name',
    language: 'Interface language', auto: 'Follow the browser', mode: 'Mode', newHire: 'New hire (full guidance, required items cannot be skipped)',
    experienced: 'Experienced (compact view, required items can be skipped with a reason)', sites: 'CRM sites', addSite: 'Add site',
    sitePlaceholder: 'https://crm.example.com/*', remove: 'Remove', packs: 'SOP packs', importPack: 'Import a pack file',
    saved: 'Saved', noSites: 'No sites yet', version: 'version', imported: 'Imported',
  },
} as const;

export type OptionsKey = keyof (typeof optionsStrings)['en'];
