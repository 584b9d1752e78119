/**
 * Issue 11's faults, extension side: the hub stopped while two contacts finish (the events
 * wait in the outbox, a chrome.alarms alarm retries, and after the restart each arrives
 * exactly once — rows counted in the hub's database), and an event the hub refuses (shown
 * to the agent as refused with the hub's reason while the rest of its batch is stored).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, launch, panelFrame, type Browser } from './harness';
import { setOptions } from './flows';
import { enrolFromOptions, finishCallback, teamHub, trustKey, type TeamHub } from './hub-kit';

let hub: TeamHub;
let server: Awaited<ReturnType<typeof demoServer>>;
let agent: Browser;
let options: Page;
let panel: Frame;

beforeAll(async () => {
  hub = await teamHub();
  await hub.publish(1, 1, { stage: 'everyone' });
  server = await demoServer();
  agent = await launch();
  await setOptions(agent, { agentId: '3003', mode: 'experienced' });
  await trustKey(agent, hub.key.publicKey);
}, 120_000);
afterAll(async () => {
  await agent?.close();
  await server?.close();
  await hub?.close();
});

const runsOf = (agentId: string) => hub.count('ev_run', 'agent_id = $1', [agentId]);
type Alarms = { chrome: { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } } };

describe('the hub is down while contacts finish', () => {
  it('enrols and has the team pack', async () => {
    options = await enrolFromOptions(agent, hub.url, hub.token);
    const crm = await agent.context.newPage();
    await crm.goto(`${server.url}/index.html`);
    panel = await panelFrame(crm, agent.extensionId);
    await expect.poll(() => panel.getByTestId('cc-pack-of-callback').textContent(), { timeout: 20_000 }).toBe('acme.team-b · 第 1 版');
    await expect.poll(() => hub.count('ev_release', "agent_id = '3003' AND pack_id = 'acme.team-b'"), { timeout: 20_000 }).toBe(1);
  });

  it('keeps both contacts queued, names the error and sets an alarm for the retry', async () => {
    await hub.stop();
    await finishCallback(panel);
    await finishCallback(panel, { skipReason: 'customer in a hurry' });
    await options.reload();
    const status = options.getByTestId('cc-hub-enrolled');
    // Each contact and, after it, its guidance counts.
    await expect.poll(() => status.getAttribute('data-queued'), { timeout: 20_000 }).toBe('4');
    expect(await options.getByTestId('cc-hub-error').getAttribute('data-code')).toBe('network');
    const alarm = await (await agent.worker()).evaluate(() => (globalThis as unknown as Alarms).chrome.alarms.get('cuecard-hub'));
    expect(alarm).toBeDefined();
    const states = await options
      .getByTestId('cc-hub-event')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-type')}:${e.getAttribute('data-state')}`));
    expect(states.filter((s) => s === 'run:queued')).toHaveLength(2);
    expect(states.filter((s) => s === 'coaching:queued')).toHaveLength(2);
  });

  it('after the restart the alarm sends them: each stored once, none lost', async () => {
    await hub.restart();
    // No "Send now": the alarm set by the backoff (seconds, with jitter) must deliver them.
    await expect.poll(() => runsOf('3003'), { timeout: 60_000, interval: 500 }).toBe(2);
    await options.reload();
    await expect.poll(() => options.getByTestId('cc-hub-enrolled').getAttribute('data-queued'), { timeout: 10_000 }).toBe('0');
    expect(await options.getByTestId('cc-hub-error').count()).toBe(0);
    // "Send now" with nothing queued sends nothing again.
    await options.getByTestId('cc-hub-send').click();
    await options.waitForTimeout(500);
    expect(await runsOf('3003')).toBe(2);
    expect(await hub.count('ev_run')).toBe(2);
    expect(await hub.count('ev_coaching', "agent_id = '3003'")).toBe(2);
  });
});

describe('an event the hub refuses', () => {
  let proxy: Server;
  let proxyUrl = '';
  beforeAll(async () => {
    // Between the extension and the hub: moves the skipped contact's time three days ahead,
    // which the hub refuses for that one event ("more than a day in the future").
    proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      let body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
      if (req.method === 'POST' && req.url === '/api/events' && body) {
        const batch = JSON.parse(body) as { events: { type: string; at: number; skipped?: unknown[] }[] };
        for (const e of batch.events) if (e.type === 'run' && e.skipped?.length) e.at += 3 * 86_400_000;
        body = JSON.stringify(batch);
      }
      const headers: Record<string, string> = {};
      for (const h of ['content-type', 'authorization', 'if-none-match']) if (req.headers[h]) headers[h] = String(req.headers[h]);
      const answer = await fetch(`${hub.url}${req.url}`, { method: req.method, headers, body });
      res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => proxy?.close(() => r())));

  it('is shown as refused with the hub’s reason, and the other contact is stored', async () => {
    await options.getByTestId('cc-hub-leave').click();
    await options.getByTestId('cc-hub-form').waitFor();
    await options.getByTestId('cc-hub-url').fill(proxyUrl);
    await options.getByTestId('cc-hub-token').fill(hub.token);
    await options.getByTestId('cc-hub-enrol').click();
    await options.getByTestId('cc-hub-enrolled').waitFor();
    const before = await runsOf('3003');
    await finishCallback(panel, { skipReason: 'customer asked to skip' });
    await finishCallback(panel);
    await expect.poll(() => runsOf('3003'), { timeout: 20_000 }).toBe(before + 1);
    await options.reload();
    const refused = options.locator('[data-testid="cc-hub-event"][data-state="refused"]');
    await expect.poll(() => refused.count(), { timeout: 10_000 }).toBe(1);
    expect(await refused.getAttribute('data-type')).toBe('run');
    expect(await refused.getByTestId('cc-hub-event-problem').textContent()).toMatch(/at: is more than a day in the future/);
    expect(await refused.getByTestId('cc-hub-event-json').textContent()).toContain('customer asked to skip');
    expect(await options.locator('[data-testid="cc-hub-event"][data-type="run"][data-state="sent"]').count()).toBe(1);
    expect(await options.getByTestId('cc-hub-refused').textContent()).toMatch(/1/);
    expect(await options.getByTestId('cc-hub-enrolled').getAttribute('data-queued')).toBe('0');
  });
});
