/**
 * Side effects that need the browser (messaging, clipboard, downloads), as the panel's
 * components see them. Declared here, in lib/, because lib/panel-page/actions.ts builds them and
 * lib/ imports nothing from components/; components/actions.ts provides them through context.
 */
import type { Run } from '../engine/run';
import type { InsertResult } from '../messaging/protocol';

export interface PanelActions {
  /** Insert into the CRM field the agent last focused (background → that frame's content script). */
  insert(text: string): Promise<InsertResult>;
  /** Copy to the clipboard; false when the browser refused. */
  copy(text: string): Promise<boolean>;
  /** Dock the panel open, or collapse it to the slim tab. */
  setOpen(open: boolean): Promise<void>;
  openOptions(): void;
  /** Download everything the panel holds, unsaved runs included (the save-error escape hatch). */
  exportData(): void;
  /** Saves a file the agent asked for (a contact's audit timeline, issue 13.5). */
  downloadFile(name: string, text: string, type: string): void;
  /** Finished runs, newest first, for the History view. */
  loadHistory(): Promise<Run[]>;
  /** How many follow-ups deleting a run takes along (asked before the confirmation). */
  runOwns(runId: string): Promise<{ followUps: number }>;
  /** Deletes a run and what it owns: kept page values, follow-ups, its label. */
  deleteRun(runId: string): Promise<void>;
  /** Esc in the panel: ends a Studio pick going on in this tab, if any (the extension's panel only). */
  cancelPick?(): void;
}
