/** The panel toggle shortcut, Alt+Shift+K, recognised in the CRM page and in the panel. */
export function isToggleKey(e: KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyK';
}
