/** Sending side of the protocol, for the panel, the options page and content scripts. */
import { browser } from 'wxt/browser';
import type { Reply, RequestOf, RequestType, Responses } from './protocol';

const NO_ANSWER = "Cuecard's background did not answer";

export class RequestError extends Error {
  override name = 'RequestError';
}

export async function send<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<Responses[T]> {
  let reply: Reply<Responses[T]> | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<Responses[T]> | undefined;
  } catch (err) {
    throw new RequestError(`${NO_ANSWER} (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (!reply) throw new RequestError(`${NO_ANSWER} "${type}".`);
  if (!reply.ok) throw new RequestError(reply.error);
  return reply.data;
}

/**
 * send, tried again after each of `waits` (ms) if the background did not answer at all (its
 * worker starting or restarting, the extension just installed). An error the background itself
 * returned is final: asking again would get the same answer.
 */
export async function sendPatiently<T extends RequestType>(
  type: T,
  payload: RequestOf<T>,
  waits: readonly number[] = [250, 1000, 3000],
): Promise<Responses[T]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(type, payload);
    } catch (err) {
      const wait = waits[attempt];
      if (wait === undefined || !(err instanceof RequestError) || !err.message.startsWith(NO_ANSWER)) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
