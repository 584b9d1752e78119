/**
 * Issue 11 end to end: a real hub (PGlite, in this process) and the built extension in
 * Chromium. Agent 1001 joins from the options page, finishes two contacts on the demo CRM
 * (one skipping a required item with a reason), receives the release piloted to it through
 * its hub feed, and reads the new wording; the team lead then opens the dashboard in the
 * same browser and sees each of those facts. Agent 2002 joins through managed policy, is
 * outside the pilot, and keeps everyone's release. Nothing typed into the CRM leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoServer, extensionPage, launch, panelFrame, type Browser } from './harness';
import { setOptions } from './flows';
import { requestsFrom } from './attack-kit';
import { dashboard, enrolFromOptions, finishCallback, setPolicy, teamHub, trustKey, type TeamHub } from './hub-kit';

const CUSTOMER = { name: '王小明', phone: '13812345678', account: 'ACC-99817723', email: 'xiaoming.wang@example.com' };
const LABEL = '王小明 回访';
const REASON = '客户 13812345678 不方便，稍后再问候';

let hub: TeamHub;
let server: Awaited<ReturnType<typeof demoServer>>;
let agent: Browser;
let options: Page;
let crm: Page;
let panel: Frame;
let pilotRelease = 0;
let everyoneRelease = 0;

beforeAll(async () => {
  hub = await teamHub();
  everyoneRelease = await hub.publish(1, 1, { stage: 'everyone' });
  server = await demoServer();
  agent = await launch();
}, 120_000);
afterAll(async () => {
  await agent?.close();
  await server?.close();
  await hub?.close();
});

/** Every row the hub stored, as text: what the lead could ever see. */
async function everythingStored(): Promise<string> {
  const parts: unknown[] = [];
  for (const t of ['ev_release', 'ev_ack', 'ev_run', 'agents']) parts.push(await hub.db.query(`SELECT * FROM ${t}`));
  return JSON.stringify(parts);
}

describe('agent 1001, enrolled from the options page', () => {
  it('refuses to join without an agent ID, saying so', async () => {
    const page = await extensionPage(agent, '/options.html#hub');
    await page.getByTestId('cc-hub-no-agent-id').waitFor();
    await page.getByTestId('cc-hub-url').fill(hub.url);
    await page.getByTestId('cc-hub-token').fill(hub.token);
    await page.getByTestId('cc-hub-enrol').click();
    const error = page.getByTestId('cc-hub-enrol-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('no-agent-id');
    expect(await error.textContent()).toContain('工号');
    expect(await hub.count('agents')).toBe(0);
    await page.close();
  });

  it('joins with the agent ID from the profile and gets the team pack from its hub feed', async () => {
    await setOptions(agent, { agentId: '1001', mode: 'experienced' });
    await trustKey(agent, hub.key.publicKey);
    options = await enrolFromOptions(agent, hub.url, hub.token);
    expect(await options.getByTestId('cc-hub-enrolled').getAttribute('data-agent')).toBe('1001');
    expect(await hub.count('agents', 'agent_id = $1', ['1001'])).toBe(1);
    // The token is not kept in the page, and the credential never reaches it.
    expect(await options.getByTestId('cc-hub-token').count()).toBe(0);
    crm = await agent.context.newPage();
    await crm.goto(`${server.url}/index.html`);
    panel = await panelFrame(crm, agent.extensionId);
    await expect.poll(() => panel.getByTestId('cc-pack-of-callback').textContent(), { timeout: 20_000 }).toBe('acme.team-b · 第 1 版');
    await expect.poll(() => hub.count('ev_release', "pack_id = 'acme.team-b' AND version = 1"), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  });

  it('keeps the credential in the background: the panel frame may send no hub message, and no reply carries it', async () => {
    const refused = await requestsFrom(panel, [
      ['hub.get', {}],
      ['hub.outbox', {}],
      ['hub.enrol', { url: 'http://127.0.0.1:9/', token: 'x'.repeat(20) }],
      ['hub.leave', {}],
      ['hub.send', {}],
    ]);
    expect(refused.map((r) => r.ok)).toEqual([false, false, false, false, false]);
    for (const r of refused) expect(r.error).toMatch(/may not be sent from/);
    // The credential, read from the background's own IndexedDB, is in no page the agent sees.
    const credential = await (
      await agent.worker()
    ).evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('cuecard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('kv').objectStore('kv').get('hub');
            get.onsuccess = () => resolve((get.result as { value: { credential: string } }).value.credential);
          };
        }),
    );
    expect(credential).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    await options.reload();
    await options.getByTestId('cc-hub-enrolled').waitFor();
    expect(await options.content()).not.toContain(credential);
    const view = await options.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        type: 'hub.get',
        payload: {},
      }),
    );
    expect(JSON.stringify(view)).toContain('"agentId":"1001"');
    expect(JSON.stringify(view)).not.toContain(credential);
  });

  it('reports two finished contacts, one with a skipped required item and its reason, and nothing the agent typed into the CRM', async () => {
    await crm.fill('#cust-name', CUSTOMER.name);
    await crm.fill('#cust-phone', CUSTOMER.phone);
    await crm.fill('#cust-account', CUSTOMER.account);
    await crm.fill('#cust-email', CUSTOMER.email);
    await finishCallback(panel, { label: LABEL });
    await finishCallback(panel, { label: LABEL, skipReason: REASON });
    await expect.poll(() => hub.count('ev_run'), { timeout: 20_000 }).toBe(2);
    const skips = await hub.db.query<{ skipped: unknown }>("SELECT skipped FROM ev_run WHERE skipped::text <> '[]'");
    expect(JSON.stringify(skips)).toContain('客户 138****5678 不方便，稍后再问候');
    const stored = await everythingStored();
    for (const secret of [...Object.values(CUSTOMER), LABEL]) expect(stored).not.toContain(secret);
  });

  it('reports its fading guidance as counts only: per step, collapsed or not, clean and all completions', async () => {
    // Two finished contacts: "open" once clean, once with its required item skipped.
    await expect.poll(() => hub.count('ev_coaching', "agent_id = '1001'"), { timeout: 20_000 }).toBe(2);
    const steps = await hub.db.query('SELECT step_id, collapsed, clean, total FROM coach_step WHERE agent_id = $1 ORDER BY step_id', ['1001']);
    expect(steps).toEqual([
      { step_id: 'close', collapsed: false, clean: 2, total: 2 },
      { step_id: 'open', collapsed: false, clean: 1, total: 2 },
    ]);
    const sent = JSON.stringify(await hub.db.query('SELECT * FROM ev_coaching'));
    for (const secret of [...Object.values(CUSTOMER), LABEL, REASON, '已问候']) expect(sent).not.toContain(secret);
  });

  it('reports a contact left open for a shift as abandoned, once, when the next one is stored', async () => {
    await panel.getByTestId('cc-new-run').click();
    await panel.getByTestId('cc-start-callback').click();
    await panel.getByTestId('cc-item-greeted').check();
    // Nine hours pass for that contact: its last change moves back in the background's own database.
    const aged = await options.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('cuecard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction('runs', 'readwrite').objectStore('runs');
            const all = store.getAll();
            all.onsuccess = () => {
              const runs = (all.result as { status: string; updatedAt: number }[]).filter((r) => r.status === 'open');
              for (const r of runs) store.put({ ...r, updatedAt: Date.now() - 9 * 3600_000 });
              resolve(runs.length);
            };
          };
        }),
    );
    expect(aged).toBe(1);
    await panel.getByTestId('cc-new-run').click();
    await panel.getByTestId('cc-start-callback').click();
    await panel.getByTestId('cc-item-greeted').check();
    await expect.poll(() => hub.count('ev_run', "agent_id = '1001' AND outcome = 'abandoned'"), { timeout: 20_000 }).toBe(1);
    await panel.getByTestId('cc-next').click();
    await panel.getByTestId('cc-finish').click();
    await expect.poll(() => hub.count('ev_run', "agent_id = '1001'"), { timeout: 20_000 }).toBe(4);
    expect(await hub.count('ev_run', "agent_id = '1001' AND outcome = 'abandoned'")).toBe(1);
    const [row] = await hub.db.query<{ path: { stepId: string }[] }>("SELECT path FROM ev_run WHERE outcome = 'abandoned'");
    expect(row!.path.map((p) => p.stepId)).toEqual(['open']);
  });

  it('receives the release piloted to it and reads the new wording; the acknowledgement is reported', async () => {
    pilotRelease = await hub.publish(2, 2, { stage: 'pilot', agents: ['1001'] });
    await options.goto(`chrome-extension://${agent.extensionId}/options.html#packs`);
    await options.getByTestId('cc-sub-check').click();
    await expect.poll(() => panel.getByTestId('cc-pack-updated').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await panel.getByTestId('cc-new-run').click();
    await panel.getByTestId('cc-start-callback').click();
    expect(await panel.getByTestId('cc-pack-of-callback').count()).toBe(0);
    await panel.getByTestId('cc-item-greeted').check();
    await panel.getByTestId('cc-next').click();
    await panel.getByTestId('cc-next').click();
    await panel.getByTestId('cc-ack-gate').waitFor();
    await panel.getByTestId('cc-ack').click();
    await panel.getByTestId('cc-phrase-bye').waitFor();
    await expect.poll(() => hub.count('ev_ack', "agent_id = '1001' AND version = 2"), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => hub.count('ev_release', "agent_id = '1001' AND version = 2 AND sequence = 2"), { timeout: 20_000 }).toBe(1);
  });

  it('shows the agent exactly what was sent, newest first, all sent', async () => {
    await options.goto(`chrome-extension://${agent.extensionId}/options.html#hub`);
    const rows = options.getByTestId('cc-hub-event');
    const states = () => rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-type')}:${e.getAttribute('data-state')}`));
    await expect
      .poll(
        async () => {
          await options.getByTestId('cc-hub-sees-refresh').click();
          return (await states()).filter((s) => !s.endsWith(':sent'));
        },
        { timeout: 20_000 },
      )
      .toEqual([]);
    const types = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    // Newest first: the acknowledgements after v2 arrived, the two contacts, the first release last.
    expect(types.slice(0, 2)).toEqual(['ack', 'ack']);
    expect(types.filter((t) => t === 'run')).toHaveLength(4);
    expect(types.filter((t) => t === 'coaching')).toHaveLength(3);
    expect(types[types.length - 1]).toBe('release');
    const shown = await options.getByTestId('cc-hub-sees').innerText();
    for (const secret of [...Object.values(CUSTOMER), LABEL]) expect(shown).not.toContain(secret);
    // The JSON shown is the JSON the hub stored: each event's id is in the hub's database.
    const ids = await options.getByTestId('cc-hub-event-json').evaluateAll((els) => els.map((e) => (JSON.parse(e.textContent!) as { id: string }).id));
    const stored = await hub.db.query<{ event_id: string }>(
      `SELECT event_id FROM ev_run WHERE agent_id = '1001' UNION ALL SELECT event_id FROM ev_ack WHERE agent_id = '1001'
       UNION ALL SELECT event_id FROM ev_release WHERE agent_id = '1001' UNION ALL SELECT event_id FROM ev_coaching WHERE agent_id = '1001'`,
    );
    expect(new Set(ids)).toEqual(new Set(stored.map((r) => r.event_id)));
    expect(await options.getByTestId('cc-hub-queued').textContent()).toContain('0');
  });
});

describe('the team lead’s dashboard, in the same browser', () => {
  let page: Page;
  beforeAll(async () => {
    page = await dashboard(agent, hub.url);
  });

  it('Releases: 1001 has the pilot release and acknowledged both changed phrases', async () => {
    const pilot = page.locator(`[data-release="${pilotRelease}"]`);
    const text = await pilot.innerText();
    expect(text).toContain('Have it: 1 / 1');
    // Each changed phrase's row: acknowledged by 1 of the 1 agent in the pilot.
    const cells = (phrase: string) =>
      pilot
        .locator('tr', { hasText: `callback / close / ${phrase}` })
        .locator('td')
        .allInnerTexts();
    expect((await cells('bye')).slice(0, 2)).toEqual(['callback / close / bye', '1 / 1']);
    expect((await cells('thanks')).slice(0, 2)).toEqual(['callback / close / thanks', '1 / 1']);
    expect(await page.locator(`[data-release="${everyoneRelease}"]`).innerText()).toMatch(/Have it: 1 \/ 1/);
  });

  it('Adherence: the contacts on version 1 (one abandoned), the reason given for the skipped item, and the guidance counts', async () => {
    await page.goto(`${hub.url}/adherence?p=${encodeURIComponent('acme.team-b/callback/1')}`);
    const text = await page.locator('body').innerText();
    expect(text).toContain('Contacts: 4 · Agents: 1');
    const ends = await page.locator('table.ends tr', { hasText: 'Abandoned' }).locator('td').allInnerTexts();
    expect(ends).toEqual(['open', 'Abandoned', '1']);
    // Per step: agents, agents with it collapsed, clean completions, completions (3 finished contacts).
    const open = await page.locator('table.coaching tr', { hasText: 'open' }).locator('td').allInnerTexts();
    expect(open).toEqual(['open', '1', '0', '2', '3']);
    expect(text).toContain('客户 138****5678 不方便，稍后再问候');
    expect(text).not.toContain(CUSTOMER.phone);
  });
});

describe('agent 2002, enrolled by managed policy, outside the pilot', () => {
  let second: Browser;
  afterAll(async () => second?.close());

  it('joins the hub its policy names and keeps everyone’s release, not the pilot one', async () => {
    await agent.close();
    second = await launch();
    await setOptions(second, { agentId: '2002' });
    await setPolicy(second, { hubUrl: hub.url, hubEnrolToken: hub.token, trustedKeyBindings: [{ publicKey: hub.key.publicKey, packIds: ['acme.*'] }] });
    const page = await extensionPage(second, '/options.html#hub');
    const enrolled = page.getByTestId('cc-hub-enrolled');
    await enrolled.waitFor({ timeout: 20_000 });
    expect(await enrolled.getAttribute('data-source')).toBe('policy');
    expect(await page.getByTestId('cc-hub-leave').count()).toBe(0);
    expect(await page.getByTestId('cc-hub-form').count()).toBe(0);
    await expect.poll(() => hub.count('ev_release', "agent_id = '2002' AND pack_id = 'acme.team-b'"), { timeout: 20_000 }).toBeGreaterThan(0);
    const held = await hub.db.query<{ version: number }>("SELECT DISTINCT version FROM ev_release WHERE agent_id = '2002' AND pack_id = 'acme.team-b'");
    expect(held).toEqual([{ version: 1 }]);
    const crm2 = await second.context.newPage();
    await crm2.goto(`${server.url}/index.html`);
    const panel2 = await panelFrame(crm2, second.extensionId);
    await expect.poll(() => panel2.getByTestId('cc-pack-of-callback').textContent()).toBe('acme.team-b · 第 1 版');
    // The dashboard agrees: the pilot's audience is still 1001 alone.
    const lead = await dashboard(second, hub.url);
    expect(await lead.locator(`[data-release="${pilotRelease}"]`).innerText()).toContain('Have it: 1 / 1');
    expect(await lead.locator(`[data-release="${everyoneRelease}"]`).innerText()).toContain('Have it: 2 / 2');
  });
});
