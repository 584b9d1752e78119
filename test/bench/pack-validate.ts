/**
 * parsePack (screening, the valibot schema and the semantic checks) on a 1,000-procedure pack,
 * beside JSON.parse of the same text — the floor any validation adds to. In Node; the two
 * alternate round by round, each on a fresh object so no result is reused.
 */
import { parsePack } from '../../lib/pack/parse';
import { makeBigPack } from './pack-gen';
import { median } from './stats';

export function benchPackValidate(procedures = 1000, rounds = 12, warmup = 2) {
  const text = JSON.stringify(makeBigPack(procedures));
  const check = parsePack(JSON.parse(text));
  if (!check.ok) throw new Error(`The generated pack is invalid, so this would time the error path: ${JSON.stringify(check.errors.slice(0, 3))}`);
  const validate: number[] = [];
  const jsonParse: number[] = [];
  for (let i = 0; i < warmup + rounds; i++) {
    const fresh = JSON.parse(text);
    const order = i % 2 ? ['json', 'pack'] : ['pack', 'json'];
    for (const which of order) {
      const t0 = performance.now();
      if (which === 'json') JSON.parse(text);
      else if (!parsePack(fresh).ok) throw new Error('parsePack refused the generated pack');
      const dt = performance.now() - t0;
      if (i >= warmup) (which === 'json' ? jsonParse : validate).push(dt);
    }
  }
  return {
    packValidateMs: median(validate),
    jsonParseBaselineMs: median(jsonParse),
    packValidateProcedures: procedures,
    packBytes: Buffer.byteLength(text),
  };
}
