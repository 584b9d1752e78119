/**
 * Studio's state: the files as saved, the files with drafts, their compile, save status.
 * Every edit is kept as a draft (localStorage) at once, and compiled in the worker; only
 * Save writes to the backend, and a refused save keeps the drafts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CompileResult } from '@/lib/pack/authoring/compile';
import type { StudioApi } from '@/lib/studio/api-client';
import type { Compiler } from '@/lib/studio/compile-client';
import type { PackFiles, Session } from '@/lib/studio/contract';
import type { Pack } from '@/lib/pack/schema';
import { createDraftStore, type DraftStore } from '@/lib/studio/drafts';

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export interface StudioState {
  session?: Session;
  loadError?: string;
  saved: PackFiles;
  files: PackFiles;
  compiled: CompileResult | null;
  lastPack?: Pack;
  /** Compiles applied so far (the bench times keystroke → compile shown by it). */
  compiles: number;
  published: unknown;
  dirty: string[];
  status: SaveStatus;
  setFile(path: string, text: string): void;
  save(): Promise<void>;
}

export function useStudio(api: StudioApi, compiler: Compiler, storage: Storage): StudioState {
  const [session, setSession] = useState<Session>();
  const [loadError, setLoadError] = useState<string>();
  const [saved, setSaved] = useState<PackFiles>({});
  const [files, setFiles] = useState<PackFiles>({});
  const [compiled, setCompiledState] = useState<CompileResult | null>(null);
  const [compiles, setCompiles] = useState(0);
  const setCompiled = useCallback((r: CompileResult) => {
    setCompiledState(r);
    setCompiles((n) => n + 1);
  }, []);
  const lastPack = useRef<Pack>();
  if (compiled?.ok) lastPack.current = compiled.pack;
  const [published, setPublished] = useState<unknown>(null);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const drafts = useRef<DraftStore>();
  const latest = useRef(files);
  latest.current = files;

  const recompile = useCallback(
    (next: PackFiles) => {
      void compiler(next).then((r) => latest.current === next && setCompiled(r));
    },
    [compiler, setCompiled],
  );

  useEffect(() => {
    void (async () => {
      try {
        const s = await api.session();
        const [onDisk, release] = await Promise.all([api.pack(), api.published().catch(() => null)]);
        drafts.current = createDraftStore(storage, `${s.mode}:${s.folder ?? 'hub'}`);
        const merged = { ...onDisk, ...drafts.current.load() };
        setSession(s);
        setSaved(onDisk);
        setPublished(release);
        latest.current = merged;
        setFiles(merged);
        recompile(merged);
      } catch (e) {
        setLoadError((e as Error).message);
      }
    })();
  }, [api, storage, recompile]);

  const setFile = useCallback(
    (path: string, text: string) => {
      const next = { ...latest.current, [path]: text };
      latest.current = next;
      setFiles(next);
      drafts.current?.put(path, text, saved[path]);
      setStatus((s) => (s.kind === 'saved' ? { kind: 'idle' } : s));
      recompile(next);
    },
    [saved, recompile],
  );

  const dirty = useMemo(() => Object.keys(files).filter((p) => files[p] !== saved[p]), [files, saved]);

  const save = useCallback(async () => {
    if (!dirty.length) return;
    setStatus({ kind: 'saving' });
    const done: PackFiles = {};
    try {
      for (const path of dirty) {
        await api.save(path, files[path]!);
        done[path] = files[path]!;
        drafts.current?.put(path, files[path]!, files[path]);
      }
      setStatus({ kind: 'saved' });
    } catch (e) {
      setStatus({ kind: 'error', message: (e as Error).message });
    } finally {
      setSaved((s) => ({ ...s, ...done }));
    }
  }, [api, dirty, files]);

  return { session, loadError, saved, files, compiled, lastPack: lastPack.current, compiles, published, dirty, status, setFile, save };
}
