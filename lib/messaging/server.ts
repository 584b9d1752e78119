/**
 * Receiving side of the protocol: checks who sent a message and what it holds before any
 * handler sees it. A CRM page cannot reach this directly (it has no extension API), but a
 * compromised or confused content script could, so page senders get only page messages.
 */
import * as v from 'valibot';
import { requests, type Reply, type RequestOf, type RequestType, type Responses, type SenderKind } from './protocol';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export type Handlers = {
  [T in RequestType]: (payload: RequestOf<T>, sender: SenderInfo) => Promise<Responses[T]> | Responses[T];
};

export function senderKind(sender: SenderInfo, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== extensionId) return null;
  if (sender.url?.startsWith(extensionOrigin)) return 'ext';
  if (sender.tab?.id !== undefined) return 'page';
  return null;
}

export function describeIssues(issues: v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${v.getDotPath(i) ?? '(message)'}: ${i.message}`)
    .join('; ');
}

export function createRouter(handlers: Partial<Handlers>, ext: { id: string; origin: string }) {
  return async (message: unknown, sender: SenderInfo): Promise<Reply<unknown>> => {
    const kind = senderKind(sender, ext.id, ext.origin);
    if (!kind) return { ok: false, error: 'Message refused: unknown sender.' };
    if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') {
      return { ok: false, error: 'Message refused: it has no type.' };
    }
    const { type, payload } = message as { type: string; payload?: unknown };
    if (!Object.hasOwn(requests, type)) return { ok: false, error: `Message refused: unknown type "${type}".` };
    const spec = requests[type as RequestType];
    if (!(spec.from as readonly SenderKind[]).includes(kind)) {
      return { ok: false, error: `Message refused: "${type}" may not be sent from a ${kind === 'page' ? 'web page' : 'extension page'}.` };
    }
    const parsed = v.safeParse(spec.schema, payload ?? {});
    if (!parsed.success) return { ok: false, error: `Message "${type}" is invalid: ${describeIssues(parsed.issues)}` };
    const handler = handlers[type as RequestType] as ((p: unknown, s: SenderInfo) => unknown) | undefined;
    if (!handler) return { ok: false, error: `No handler for "${type}".` };
    try {
      return { ok: true, data: await handler(parsed.output, sender) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}
