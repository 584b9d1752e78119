/**
 * A real team hub for the e2e tests, in this process: PGlite in a temp folder, on a free
 * port (or a given one, to restart it where the extension expects it), with a lead's login,
 * a team enrolment token and signed releases of the team fixture pack published through the
 * hub's own functions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { addUser, createEnrolToken } from '../../lib/hub/accounts';
import { DEFAULT_CONFIG } from '../../lib/hub/config';
import { promote, publish, type PromoteRequest } from '../../lib/hub/releases';
import { startHub, type RunningHub } from '../../lib/hub/serve';
import { teamPack } from '../../lib/distribution/fixtures';
import { generateSigningKey, signPack } from '../../lib/pack/sign';
import type { Browser } from './harness';

export const LEAD = { email: 'lead@example.com', password: 'correct horse battery' };

export async function teamHub() {
  const dataDir = mkdtempSync(join(tmpdir(), 'cuecard-hub-e2e-'));
  const key = await generateSigningKey();
  // Two agents are too few for the privacy threshold: this hub shows individuals (docs/hub.md).
  const config = { ...DEFAULT_CONFIG, trustedKeys: [{ publicKey: key.publicKey }], showIndividuals: true };
  let running: RunningHub = await startHub({ port: 0, host: '127.0.0.1', dataDir, config });
  const port = Number(new URL(running.url).port);
  await addUser(running.db, LEAD.email, LEAD.password, Date.now());
  const { token } = await createEnrolToken(running.db, 'team-b', Date.now());
  return {
    key,
    token,
    get url() {
      return running.url;
    },
    get db() {
      return running.db;
    },
    async publish(version: 1 | 2, sequence: number, stage: PromoteRequest) {
      const text = await signPack(teamPack(version), key.privateKey, { sequence, signedAt: Date.now() - 60_000 });
      const up = await publish(running.db, text, { keys: config.trustedKeys, now: Date.now() });
      if (!up.ok) throw new Error(up.message);
      const done = await promote(running.db, up.release.id, stage, Date.now());
      if (!done.ok) throw new Error(done.message);
      return up.release.id;
    },
    async count(table: string, where = 'TRUE', params: unknown[] = []): Promise<number> {
      return Number((await running.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n);
    },
    stop: () => running.close(),
    /** Starts again on the same port and data folder: the address the extensions enrolled with. */
    async restart() {
      running = await startHub({ port, host: '127.0.0.1', dataDir, config });
    },
    async close() {
      await running.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type TeamHub = Awaited<ReturnType<typeof teamHub>>;

/** Enrols from Options → Team hub, the way an agent does. */
export async function enrolFromOptions(b: Browser, hubUrl: string, token: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html#hub`);
  await page.getByTestId('cc-hub-url').fill(hubUrl);
  await page.getByTestId('cc-hub-token').fill(token);
  await page.getByTestId('cc-hub-enrol').click();
  await page.getByTestId('cc-hub-enrolled').waitFor();
  return page;
}

/** Trusts the lead's key for acme.* from Options → Packs. */
export async function trustKey(b: Browser, publicKey: string) {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html#packs`);
  await page.getByTestId('cc-key-input').fill(publicKey);
  await page.getByTestId('cc-key-pack-ids').fill('acme.*');
  await page.getByTestId('cc-key-add').click();
  await page.locator('[data-testid="cc-key"]').first().waitFor();
  await page.close();
}

/** The demo policy seam (lib/background/pack-config.ts): what an administrator's policy would say. */
export async function setPolicy(b: Browser, policy: object) {
  const worker = await b.worker();
  await worker.evaluate(
    (p) =>
      (globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } }).chrome.storage.session.set({
        'cuecard-demo-managed-policy': p,
      }),
    policy,
  );
}

/**
 * One contact on the team pack's callback procedure, finished: greeted ticked, or (experienced
 * mode) skipped with `skipReason`. Closes at "close" on v1 and passes "survey" on v2.
 */
export async function finishCallback(panel: Frame, opts: { skipReason?: string; label?: string } = {}) {
  await panel.locator('[data-testid="cc-start-callback"], [data-testid="cc-new-run"]').first().waitFor();
  if (!(await panel.getByTestId('cc-start-callback').isVisible())) await panel.getByTestId('cc-new-run').click();
  await panel.getByTestId('cc-start-callback').click();
  if (opts.label) await panel.getByTestId('cc-label').fill(opts.label);
  if (opts.skipReason) {
    await panel.getByTestId('cc-skip-greeted').click();
    await panel.getByTestId('cc-skip-reason-greeted').fill(opts.skipReason);
    await panel.getByTestId('cc-skip-reason-greeted').press('Enter');
    await expect.poll(() => panel.getByTestId('cc-skip-reason-greeted').count()).toBe(0);
  } else {
    await panel.getByTestId('cc-item-greeted').check();
  }
  await panel.getByTestId('cc-next').click();
  await panel.getByTestId('cc-finish').click();
  await panel.getByTestId('cc-start-callback').or(panel.getByTestId('cc-new-run')).first().waitFor();
}

/** The lead signs in to the dashboard in English (the lang cookie) in the same browser. */
export async function dashboard(b: Browser, hubUrl: string): Promise<Page> {
  await b.context.addCookies([{ name: 'lang', value: 'en', url: hubUrl }]);
  const page = await b.context.newPage();
  await page.goto(`${hubUrl}/login`);
  await page.locator('input[name="email"]').fill(LEAD.email);
  await page.locator('input[name="password"]').fill(LEAD.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/releases$/).catch(async () => {
    throw new Error(`The dashboard login did not reach /releases: at ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 500)}`);
  });
  return page;
}
