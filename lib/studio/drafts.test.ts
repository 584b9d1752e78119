import { describe, expect, it } from 'vitest';
import { completionContext, completionWords } from './completions';
import { createDraftStore, draftKey } from './drafts';

function memoryStorage() {
  const m = new Map<string, string>();
  return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

describe('drafts', () => {
  it('keeps only files that differ from what is saved, per folder', () => {
    const storage = memoryStorage();
    const a = createDraftStore(storage, 'local:team-a');
    const b = createDraftStore(storage, 'local:team-b');
    a.put('01-x.md', 'edited', 'saved');
    b.put('01-x.md', 'other', 'saved');
    expect(a.load()).toEqual({ '01-x.md': 'edited' });
    expect(b.load()).toEqual({ '01-x.md': 'other' });
    a.put('01-x.md', 'saved', 'saved');
    expect(a.load()).toEqual({});
    expect(storage.m.has(draftKey('local:team-a'))).toBe(false);
  });

  it('survives garbage in storage', () => {
    const storage = memoryStorage();
    storage.setItem(draftKey('s'), '{not json');
    expect(createDraftStore(storage, 's').load()).toEqual({});
  });
});

describe('completion', () => {
  it('offers step ids after → or next:, variables inside {…}', () => {
    const choice = '- → 咨询 | Enquiry: con';
    expect(completionContext(choice)).toEqual({ kind: 'steps', from: choice.length - 3 });
    expect(completionContext('> next: rec')).toEqual({ kind: 'steps', from: 8 });
    expect(completionContext('- → 咨询')).toBeUndefined();
    expect(completionContext('- 💬 您好，{comp')).toEqual({ kind: 'variables', from: 9 });
    expect(completionContext('plain text')).toBeUndefined();
    expect(completionWords(undefined).variables).toContain('company');
  });
});
