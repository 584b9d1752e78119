import { describe, expect, it } from 'vitest';
import { generateSigningKey, signPack, verifySignedPack } from '../../pack/sign';
import { teamPack } from '../../distribution/fixtures';
import { readKeyFile } from './key-file';

describe('readKeyFile', () => {
  it('loads the private key "cuecard pack keygen" writes, names its key id, and signs with it', async () => {
    const pair = await generateSigningKey();
    const loaded = await readKeyFile(`${pair.privateKey}\n`);
    if (!loaded.ok) throw new Error(loaded.message);
    expect([loaded.keyId, loaded.publicKey]).toEqual([pair.keyId, pair.publicKey]);
    const signed = await signPack(teamPack(1), loaded.key, { sequence: 1 });
    expect((await verifySignedPack(signed, [{ publicKey: pair.publicKey }], { now: Date.now() })).ok).toBe(true);
  });

  it('accepts the same key wrapped as PEM', async () => {
    const pair = await generateSigningKey();
    const pem = `-----BEGIN PRIVATE KEY-----\n${pair.privateKey}\n-----END PRIVATE KEY-----\n`;
    expect(await readKeyFile(pem)).toMatchObject({ ok: true, keyId: pair.keyId });
  });

  it('names the mix-ups: the public key, an empty file, some other file', async () => {
    const pair = await generateSigningKey();
    expect(await readKeyFile(pair.publicKey)).toMatchObject({ ok: false, code: 'public-key' });
    expect(await readKeyFile(' \n')).toMatchObject({ ok: false, code: 'empty' });
    expect(await readKeyFile('{"cuecard":"signed-pack/1"}')).toMatchObject({ ok: false, code: 'not-a-key' });
    expect(await readKeyFile(btoa('forty-eight bytes of something that is not pkcs8'))).toMatchObject({ ok: false, code: 'not-a-key' });
    expect(await readKeyFile('A'.repeat(5000))).toMatchObject({ ok: false, code: 'not-a-key' });
  });
});
