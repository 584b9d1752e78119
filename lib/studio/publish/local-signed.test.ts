import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { teamPack } from '../../distribution/fixtures';
import { generateSigningKey, signPack } from '../../pack/sign';
import { writeSignedRelease } from './local-signed';

const failure = { anchor: 'account-number', snapshot: 'account.json', matched: 0, message: 'matches nothing' };

async function setup() {
  const folder = await mkdtemp(join(tmpdir(), 'cuecard-signed-'));
  const key = await generateSigningKey();
  const signed = await signPack(teamPack(2), key.privateKey, { sequence: 5 });
  return { folder, key, signed };
}

describe('writeSignedRelease (local Studio, POST api/signed)', () => {
  it('writes <id>-<version>.signed.json and no log when the anchor tests pass', async () => {
    const { folder, key, signed } = await setup();
    const r = await writeSignedRelease(folder, { signed, anchorFailures: [], publicKey: key.publicKey });
    expect(r).toEqual({ status: 200, body: { file: `${teamPack(2).id}-2.signed.json` } });
    const file = `${teamPack(2).id}-2.signed.json`;
    expect(await readFile(join(folder, file), 'utf8')).toBe(signed);
    expect(await readdir(folder)).toEqual([file]);
  });

  it('refuses failing anchor tests without a reason, and appends the reason to publish-log.jsonl', async () => {
    const { folder, key, signed } = await setup();
    expect(await writeSignedRelease(folder, { signed, anchorFailures: [failure], publicKey: key.publicKey })).toMatchObject({
      status: 409,
      body: { error: 'anchors-fail' },
    });
    expect(await readdir(folder)).toEqual([]);
    const at = Date.parse('2026-12-05T07:00:00Z');
    await writeSignedRelease(folder, { signed, anchorFailures: [failure], overrideReason: 'field renamed Monday', publicKey: key.publicKey }, at);
    await writeSignedRelease(folder, { signed, anchorFailures: [failure], overrideReason: 'second try', publicKey: key.publicKey }, at);
    const log = (await readFile(join(folder, 'publish-log.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log.map((e) => e.overrideReason)).toEqual(['field renamed Monday', 'second try']);
    expect(log[0]).toMatchObject({ at: '2026-12-05T07:00:00.000Z', packId: teamPack(2).id, sequence: 5, keyId: key.keyId, anchorFailures: [failure] });
  });

  it('refuses a damaged file or a key that did not sign it, writing nothing', async () => {
    const { folder, key, signed } = await setup();
    const other = await generateSigningKey();
    expect(await writeSignedRelease(folder, { signed, anchorFailures: [], publicKey: other.publicKey })).toMatchObject({
      status: 422,
      body: { error: 'unknown-key' },
    });
    const tampered = JSON.stringify({ ...JSON.parse(signed), signature: JSON.parse(signed).signature.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')) });
    expect(await writeSignedRelease(folder, { signed: tampered, anchorFailures: [], publicKey: key.publicKey })).toMatchObject({ status: 422 });
    expect(await writeSignedRelease(folder, { anchorFailures: [] })).toMatchObject({ status: 400, body: { error: 'invalid' } });
    expect(await readdir(folder)).toEqual([]);
  });
});
