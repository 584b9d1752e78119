/**
 * Receiving side of the protocol: checks who sent a message (lib/messaging/sender.ts) and what
 * it holds before any handler sees it.
 */
import * as v from 'valibot';
import { requests, type Reply, type RequestOf, type RequestType, type Responses } from './protocol';
import { kindName, type SenderInfo, type SenderKind } from './sender';

export type { SenderInfo } from './sender';

export type Handler<T extends RequestType> = (payload: RequestOf<T>, sender: SenderInfo) => Promise<Responses[T]> | Responses[T];
/** One handler for every message: the background's services together must cover the protocol. */
export type Handlers = { [T in RequestType]: Handler<T> };
/** The handlers one service contributes. */
export type HandlersFor<K extends RequestType> = Pick<Handlers, K>;

export function describeIssues(issues: v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${v.getDotPath(i) ?? '(message)'}: ${i.message}`)
    .join('; ');
}

export function createRouter(handlers: Handlers, classify: (sender: SenderInfo) => Promise<SenderKind | null>) {
  return async (message: unknown, sender: SenderInfo): Promise<Reply<unknown>> => {
    const kind = await classify(sender).catch(() => null);
    if (!kind) return { ok: false, error: 'Message refused: unknown sender.' };
    if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') {
      return { ok: false, error: 'Message refused: it has no type.' };
    }
    const { type, payload } = message as { type: string; payload?: unknown };
    if (!Object.hasOwn(requests, type)) return { ok: false, error: `Message refused: unknown type "${type}".` };
    const spec = requests[type as RequestType];
    if (!(spec.from as readonly SenderKind[]).includes(kind)) {
      return { ok: false, error: `Message refused: "${type}" may not be sent from ${kindName[kind]}.` };
    }
    const parsed = v.safeParse(spec.schema, payload ?? {});
    if (!parsed.success) return { ok: false, error: `Message "${type}" is invalid: ${describeIssues(parsed.issues)}` };
    const handler = handlers[type as RequestType] as (p: unknown, s: SenderInfo) => unknown;
    try {
      return { ok: true, data: await handler(parsed.output, sender) };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}
