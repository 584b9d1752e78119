/**
 * Request bodies, bounded while they arrive. A Content-Length over the limit is refused
 * unread; a body without one (chunked) is cut off as it passes the limit, never buffered
 * whole first: the enrolment and sign-in routes need no credential, so an unbounded read
 * there would let anyone who reaches the hub exhaust its memory.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from './http';

const tooLarge = (c: Context, max: number) => problem(c, 413, 'too-large', `The body is over ${max} bytes, the most accepted here.`);

/**
 * At most `max` bytes of the body, read through Hono's body limit, which refuses a declared
 * length over `max` unread and cuts a chunked body off as it passes `max`; after it,
 * `c.req.arrayBuffer()` / `parseBody()` read what was buffered. A 413 Response if more came.
 */
export async function limitBody(c: Context, max: number): Promise<Response | undefined> {
  let within = false;
  const refused = await bodyLimit({ maxSize: max, onError: (ctx) => tooLarge(ctx, max) })(c, async () => {
    within = true;
  });
  return within ? undefined : (refused ?? tooLarge(c, max));
}

/** The body as bytes, or a 413 Response once it passes `max`. */
export async function readBytes(c: Context, max: number): Promise<Uint8Array | Response> {
  return (await limitBody(c, max)) ?? new Uint8Array(await c.req.arrayBuffer());
}

/** Reads a JSON body of at most `max` bytes; a Response when it is too big or not JSON. */
export async function readJson(c: Context, max: number): Promise<{ body: unknown } | Response> {
  const bytes = await readBytes(c, max);
  if (bytes instanceof Response) return bytes;
  try {
    return { body: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch (e) {
    return problem(c, 400, 'malformed', `The body is not JSON: ${(e as Error).message}`);
  }
}
