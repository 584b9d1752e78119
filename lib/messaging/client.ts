/** Sending side of the protocol, for the panel, the options page and content scripts. */
import { browser } from 'wxt/browser';
import type { Reply, RequestOf, RequestType, Responses } from './protocol';

export class RequestError extends Error {
  override name = 'RequestError';
}

export async function send<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<Responses[T]> {
  let reply: Reply<Responses[T]> | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<Responses[T]> | undefined;
  } catch (err) {
    throw new RequestError(`Cuecard's background did not answer (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (!reply) throw new RequestError(`Cuecard's background did not answer "${type}".`);
  if (!reply.ok) throw new RequestError(reply.error);
  return reply.data;
}
