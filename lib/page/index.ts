// Host-page I/O used by the content script (entrypoints/crm.content). Runs in every frame of
// the CRM, so it imports nothing: its bundled size counts against the content-script budget.
export { createFocusTracker, toEditable, type Editable, type FocusTracker } from './focus';
export { guardLifecycle } from './lifecycle';
export { insertText, type InsertResult } from './insert';
export { panelHostDecision, type PanelHostDecision } from './frameset';
export { readContext } from './context';
export { createHighlighter, type Highlighter, type ShowResult } from './highlight';
export { findByLabel, readValue, resolveLocator } from './match';
export { watchReopen, whenComplete } from './reopen';
