/**
 * `cuecard pack preview` without a window: it compiles, refuses what it cannot do with the
 * usual exit codes, serves the signed pack and the demo CRM, and prints the manual steps.
 * (With a browser it is driven in test/e2e/packs.e2e.ts.)
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decompile } from '../pack/authoring';
import type { Pack } from '../pack/schema';
import { verifySignedPack } from '../pack/sign';
import type { CliContext } from './context';
import { main } from './main';
import { preview, servedPack, type PreviewSession } from './preview';
import defaultPack from '../../public/packs/default.json';

const FIXTURE = resolve(__dirname, '../../test/fixtures/packs/basic');
const tmp = mkdtempSync(join(tmpdir(), 'cuecard-preview-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A checkout whose demo build is only a manifest and the bundled pack: preview needs no more. */
function fakeRoot(built: boolean): string {
  const root = mkdtempSync(join(tmp, 'root-'));
  if (built) {
    mkdirSync(join(root, '.output/demo/chrome-mv3/packs'), { recursive: true });
    writeFileSync(join(root, '.output/demo/chrome-mv3/manifest.json'), '{}');
    writeFileSync(join(root, '.output/demo/chrome-mv3/packs/default.json'), JSON.stringify(defaultPack));
  }
  return root;
}

function context(root: string) {
  const io = { out: '', err: '' };
  const ctx: CliContext = { out: (t) => void (io.out += `${t}\n`), err: (t) => void (io.err += `${t}\n`), cwd: tmp, root, color: false, now: () => Date.now() };
  return { ctx, io };
}

describe('cuecard pack preview', () => {
  it('lists a broken folder as file:line (exit 1) and a missing build (exit 2), serving nothing', async () => {
    const broken = join(tmp, 'broken');
    cpSync(FIXTURE, broken, { recursive: true });
    writeFileSync(join(broken, 'pack.yaml'), 'id: Not An Id\nversion: 1\n');
    const a = context(fakeRoot(true));
    expect(await main(['pack', 'preview', 'broken'], a.ctx)).toBe(1);
    expect(a.io.err).toMatch(/^broken\/pack\.yaml:\d+: /m);
    const b = context(fakeRoot(false));
    expect(await main(['pack', 'preview', FIXTURE], b.ctx)).toBe(2);
    expect(b.io.err).toMatch(/no demo build of the extension .*npm run build:demo/);
  });

  it('serves the compiled pack, signed, beside the demo CRM, and prints the steps when no window can open', async () => {
    const { ctx, io } = context(fakeRoot(true));
    let during: { crm: number; pack: Awaited<ReturnType<typeof verifySignedPack>> } | undefined;
    let session: PreviewSession | undefined;
    const code = await preview(FIXTURE, ctx, {
      hasDisplay: false,
      chromiumPath: '/usr/bin/chromium',
      untilStopped: async (s) => {
        session = s;
        const crm = (await fetch(s.crmUrl)).status;
        const text = await (await fetch(s.packUrl)).text();
        during = { crm, pack: await verifySignedPack(text, [{ publicKey: s.publicKey }], { now: Date.now() }) };
      },
    });
    expect(code).toBe(0);
    expect(during?.crm).toBe(200);
    expect(during?.pack).toMatchObject({ ok: true, packId: 'demo.basic', pack: { version: 2 } });
    expect(io.out).toContain(`demo CRM:  ${session!.crmUrl}`);
    expect(io.out).toContain(session!.publicKey);
    expect(io.out).toMatch(/No display here, so no browser window can open\. To preview by hand:\n {2}1\. .*Load unpacked/);
    // Stopped means stopped: the server is gone.
    await expect(fetch(session!.crmUrl)).rejects.toThrow();
  });

  it('serves a folder made from the bundled default as its next version, and says so', async () => {
    const folder = join(tmp, 'from-default');
    mkdirSync(folder);
    for (const [name, text] of decompile(defaultPack as Pack)) writeFileSync(join(folder, name), text);
    const { ctx, io } = context(fakeRoot(true));
    let version = 0;
    await preview(folder, ctx, { hasDisplay: false, untilStopped: async (s) => void (version = s.pack.version) });
    expect(version).toBe(defaultPack.version + 1);
    expect(io.err).toMatch(/is also the bundled default .* serves it as version/);
    expect(io.out).toMatch(/No Chromium found\./);
  });

  it('leaves other packs as they are', () => {
    const pack = { ...(defaultPack as Pack), id: 'acme.team-b' };
    expect(servedPack(pack, defaultPack as Pack)).toEqual({ pack });
    const newer = { ...(defaultPack as Pack), version: defaultPack.version + 3 };
    expect(servedPack(newer, defaultPack as Pack)).toEqual({ pack: newer });
  });
});
