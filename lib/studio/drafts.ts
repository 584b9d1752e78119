/**
 * Unsaved edits, kept in localStorage per pack folder so a reload or a crash loses nothing.
 * Only files that differ from what the backend has are stored; saving one removes it.
 */
import type { PackFiles } from './contract';

export interface DraftStore {
  load(): PackFiles;
  put(path: string, text: string, saved: string | undefined): void;
}

export function draftKey(scope: string): string {
  return `cuecard-studio-drafts:${scope}`;
}

export function createDraftStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, scope: string): DraftStore {
  const key = draftKey(scope);
  const read = (): PackFiles => {
    try {
      const value: unknown = JSON.parse(storage.getItem(key) ?? '{}');
      return value && typeof value === 'object' ? (value as PackFiles) : {};
    } catch {
      return {};
    }
  };
  return {
    load: read,
    put(path, text, saved) {
      const drafts = read();
      if (text === saved) delete drafts[path];
      else drafts[path] = text;
      if (Object.keys(drafts).length) storage.setItem(key, JSON.stringify(drafts));
      else storage.removeItem(key);
    },
  };
}
