/**
 * Studio's compile worker: the same `compile()` as `pack validate`, off the page's main
 * thread so typing never waits for it (a 1,000-procedure pack takes a while).
 */
import { compile } from '../pack/authoring/compile';
import type { CompileRequest, CompileReply } from './compile-client';

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<CompileRequest>) => void) | null; postMessage(m: CompileReply): void };

scope.onmessage = (e) => {
  const { id, files } = e.data;
  scope.postMessage({ id, result: compile(new Map(Object.entries(files))) });
};
