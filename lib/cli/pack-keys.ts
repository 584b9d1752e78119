/** `cuecard pack keygen`, `pack sign`, `pack verify`: the signing key life cycle. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateSigningKey, signPack, verifySignedPack } from '../pack/sign';
import { positiveInteger, required, type Command } from './command';
import { CheckFailed, EXIT, UsageError, readInput, writeOutput } from './context';
import { loadPackFile } from './load-pack';

export const keygenCommand: Command = {
  name: 'keygen',
  usage: 'cuecard pack keygen --out KEY',
  summary: 'create a signing key pair (KEY private, KEY.pub public)',
  help: `Creates an Ed25519 key pair. KEY (PKCS8, base64, readable only by you) signs packs:
keep it secret and backed up. KEY.pub (one line: the raw public key, base64) is what
agents' extensions are configured to trust. Never overwrites existing files.

Options:
  --out KEY   path of the private key; the public key goes to KEY.pub

Example:
  cuecard pack keygen --out ~/.cuecard/team-a.key`,
  options: { out: { type: 'string' } },
  args: [],
  async run(_args, values, ctx) {
    const out = required(values, 'out', this);
    // Check both names first so a refusal never leaves half a key pair behind.
    for (const f of [out, `${out}.pub`]) {
      if (existsSync(resolve(ctx.cwd, f))) throw new UsageError(`${f}: already exists; refusing to overwrite a key`);
    }
    const key = await generateSigningKey();
    await writeOutput(ctx, `${out}.pub`, `${key.publicKey}\n`, { exclusive: true });
    await writeOutput(ctx, out, `${key.privateKey}\n`, { exclusive: true, mode: 0o600 });
    ctx.out(`Wrote private key ${out} (keep it secret) and public key ${out}.pub.`);
    ctx.out(`Key ID: ${key.keyId}`);
    return EXIT.ok;
  },
};

export const signCommand: Command = {
  name: 'sign',
  usage: 'cuecard pack sign PACK.json --key KEY --out SIGNED.json [--sequence N] [--expires DATE]',
  summary: 'sign a built pack for publishing',
  help: `Signs PACK.json (from "pack build") with the private KEY and writes SIGNED.json, the
file to publish. Extensions only accept a release whose sequence is higher than the last
one they have from the same key for that pack id, so every release needs a higher --sequence.

Options:
  --key KEY          private key from "pack keygen"
  --out SIGNED.json  where to write the signed pack
  --sequence N       release number (default: the pack's version)
  --expires DATE     e.g. 2027-01-01 (UTC): from then on extensions refuse the file as a new
                     install; a copy installed before stays in use with an "expired" notice

Example:
  cuecard pack sign dist/pack.json --key team-a.key --out dist/pack.signed.json --expires 2027-01-01`,
  options: { key: { type: 'string' }, out: { type: 'string' }, sequence: { type: 'string' }, expires: { type: 'string' } },
  args: ['PACK.json'],
  async run([file], values, ctx) {
    const keyFile = required(values, 'key', this);
    const out = required(values, 'out', this);
    const { pack, signed } = await loadPackFile(ctx, file!);
    if (signed) throw new UsageError(`${file}: is already signed; sign the plain pack from "pack build"`);
    const sequence = typeof values.sequence === 'string' ? positiveInteger(values.sequence, 'sequence') : pack.version;
    const expiresAt = typeof values.expires === 'string' ? parseExpiry(values.expires, ctx.now()) : undefined;
    const privateKey = (await readInput(ctx, keyFile)).trim();
    let text: string;
    try {
      text = await signPack(pack, privateKey, { sequence, expiresAt, signedAt: ctx.now() });
    } catch {
      throw new UsageError(`${keyFile}: is not a private key from "cuecard pack keygen"`);
    }
    await writeOutput(ctx, out, text);
    const until = expiresAt === undefined ? 'no expiry' : `expires ${new Date(expiresAt).toISOString().slice(0, 10)}`;
    ctx.out(`Signed pack ${pack.id} sequence ${sequence} (${until}) → ${out}`);
    return EXIT.ok;
  },
};

function parseExpiry(value: string, now: number): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--expires: '${value}' is not a date; write it like 2027-01-01`);
  if (ms <= now) throw new UsageError(`--expires: ${value} is in the past`);
  return ms;
}

export const verifyCommand: Command = {
  name: 'verify',
  usage: 'cuecard pack verify SIGNED.json --pub KEY.pub [--pub OTHER.pub] [--last-sequence N] [--pack-id ID]',
  summary: 'check a signed pack exactly as the extension will',
  help: `Checks that SIGNED.json was signed by one of the trusted public keys and has not been
changed since, is not expired, and holds a valid pack. Prints the pack id, sequence and
expiry. Exit code 0 only for an authentic pack; 1 otherwise.

Options:
  --pub KEY.pub        trusted public key (repeat for several)
  --last-sequence N    also refuse sequences ≤ N, like an extension that has release N
  --pack-id ID         also refuse a different pack id

Example:
  cuecard pack verify dist/pack.signed.json --pub team-a.key.pub`,
  options: { pub: { type: 'string', multiple: true }, 'last-sequence': { type: 'string' }, 'pack-id': { type: 'string' } },
  args: ['SIGNED.json'],
  async run([file], values, ctx) {
    const pubs = (values.pub as string[] | undefined) ?? [];
    if (!pubs.length) throw new UsageError(`--pub is required: usage: ${this.usage}`);
    const last = values['last-sequence'];
    const lastSequence = typeof last === 'string' ? positiveInteger(last, 'last-sequence') : undefined;
    const trusted = await Promise.all(pubs.map(async (p) => ({ publicKey: (await readInput(ctx, p)).trim() })));
    const result = await verifySignedPack(await readInput(ctx, file!), trusted, {
      now: ctx.now(),
      lastSequence,
      expectedPackId: typeof values['pack-id'] === 'string' ? values['pack-id'] : undefined,
    });
    if (!result.ok) throw new CheckFailed(`${file}: not accepted (${result.code}): ${result.message}`);
    const expiry = result.expiresAt ? `expires ${result.expiresAt.slice(0, 10)}` : 'no expiry';
    ctx.out(`Authentic: pack ${result.packId}, sequence ${result.sequence}, ${expiry}`);
    ctx.out(
      `Signed ${result.signedAt.slice(0, 10)} with key ${result.keyId}; pack version ${result.pack.version}, ${result.pack.procedures.length} procedures.`,
    );
    return EXIT.ok;
  },
};
