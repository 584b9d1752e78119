/**
 * One enrolment request: the agent ID from the profile and the team's token go to
 * `POST <hub>/api/enrol`; the answer (credential, personal feed, pack URLs) is parsed with
 * the hub's own schema. Every failure comes back as a HubError that names what is wrong.
 */
import * as v from 'valibot';
import { AgentIdSchema, EnrolResponseSchema, describeIssue } from '../hub/wire';
import type { HubError } from '../hub-client/state';

type Enrolled = v.InferOutput<typeof EnrolResponseSchema>;

export async function requestEnrolment(
  fetchFn: typeof fetch,
  url: string,
  token: string,
  agentId: string,
  now: number,
): Promise<{ ok: true; answer: Enrolled } | { ok: false; error: HubError }> {
  const fail = (code: HubError['code'], message: string) => ({ ok: false as const, error: { code, message: message.slice(0, 600), at: now } });
  if (!agentId.trim()) return fail('no-agent-id', 'Your profile has no agent ID: enter it under Profile first; it is how the hub knows you.');
  const id = v.safeParse(AgentIdSchema, agentId.trim());
  if (!id.success) return fail('bad-agent-id', `Your agent ID "${agentId}" ${id.issues[0].message}.`);
  let res: Response;
  try {
    res = await fetchFn(`${url}/api/enrol`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: token.trim(), agentId: id.output }),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    return fail('network', `The hub at ${url} could not be reached: ${(e as Error)?.message ?? String(e)}`);
  }
  const body: unknown = await res.json().catch(() => null);
  const said = (body as { message?: unknown } | null)?.message;
  const message = typeof said === 'string' ? said : `HTTP ${res.status}`;
  if (res.status === 403) return fail('bad-token', message);
  if (res.status === 400) return fail('invalid', message);
  if (!res.ok) return fail(res.status >= 500 || res.status === 429 ? 'server' : 'invalid', `${res.status}: ${message}`);
  const parsed = v.safeParse(EnrolResponseSchema, body);
  if (!parsed.success) return fail('invalid', `The hub's answer is not a Cuecard enrolment: ${describeIssue(parsed.issues)}`);
  return { ok: true, answer: parsed.output };
}
