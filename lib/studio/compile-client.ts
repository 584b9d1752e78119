/**
 * The page's side of the compile worker. Only the newest request matters: while one
 * compile runs, later edits replace the queued one instead of piling up. Without Worker
 * support (unit tests) it compiles in place.
 */
import { compile, type CompileResult } from '../pack/authoring/compile';
import type { PackFiles } from './contract';

export interface CompileRequest {
  id: number;
  files: PackFiles;
}
export interface CompileReply {
  id: number;
  result: CompileResult;
}

export type Compiler = (files: PackFiles) => Promise<CompileResult>;

export function compileInPlace(files: PackFiles): CompileResult {
  return compile(new Map(Object.entries(files)));
}

export function createCompiler(workerUrl: string | URL | undefined): Compiler {
  if (!workerUrl || typeof Worker === 'undefined') return async (files) => compileInPlace(files);
  const worker = new Worker(workerUrl, { type: 'module' });
  let next = 0;
  let busy = false;
  let queued: { files: PackFiles; waiters: ((r: CompileResult) => void)[] } | undefined;
  let current: ((r: CompileResult) => void)[] = [];
  const start = (files: PackFiles, waiters: ((r: CompileResult) => void)[]) => {
    busy = true;
    current = waiters;
    worker.postMessage({ id: ++next, files } satisfies CompileRequest);
  };
  worker.onmessage = (e: MessageEvent<CompileReply>) => {
    if (e.data.id !== next) return;
    busy = false;
    const done = current;
    if (queued) {
      const q = queued;
      queued = undefined;
      start(q.files, q.waiters);
      // A newer text is on its way: earlier callers get that answer instead of a stale one.
      q.waiters.push(...done);
      return;
    }
    for (const w of done) w(e.data.result);
  };
  return (files) =>
    new Promise((resolve) => {
      if (!busy) start(files, [resolve]);
      else if (queued) {
        queued.files = files;
        queued.waiters.push(resolve);
      } else queued = { files, waiters: [resolve] };
    });
}
