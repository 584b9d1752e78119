import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PACK_BYTES, parsePack, parsePackText } from './parse';

const defaultText = readFileSync(new URL('../../public/packs/default.json', import.meta.url), 'utf8');
const base = (): Record<string, unknown> => JSON.parse(defaultText);
const DELETE = Symbol('delete');

/** Sets (or deletes) the value at a path like `procedures[0].title`, whatever the types. */
function edit(root: unknown, path: string, value: unknown): void {
  const keys = path.split(/[.[\]]+/).filter(Boolean);
  const last = keys.pop()!;
  const parent = keys.reduce((node, key) => (node as Record<string, unknown>)[key], root) as Record<string, unknown>;
  if (value === DELETE) delete parent[last];
  else parent[last] = value;
}

function errorsOf(input: unknown) {
  const result = parsePack(input);
  return result.ok ? [] : result.errors;
}

describe('parsePack: schema errors name the path and the problem', () => {
  it.each([
    ['a missing key', 'procedures[2].steps[0].phrases[0].text.zh-CN', DELETE, 'is required'],
    ['an unknown key', 'procedures[0].foo', 1, 'unknown key "foo"'],
    ['a bad id', 'procedures[1].steps[3].id', 'Need Type', 'must be a lowercase id (a-z, 0-9, . _ -), at most 80 characters'],
    ['a wrong type', 'procedures[0].steps[0].checklist[0].required', 'yes', 'must be true or false'],
    ['a non-object', 'title', 'x', 'must be an object'],
    ['an array for an object', 'procedures[0].title', [], 'must be an object, not an array'],
    ['a bad channel', 'procedures[1].channels[0]', 'fax', 'must be one of "phone", "online", "video"'],
    ['a wrong format', 'format', 2, 'must be 1'],
    ['a fractional version', 'version', 1.5, 'must be a whole number'],
    ['a zero time limit', 'procedures[1].steps[0].timeLimitSec', 0, 'must be at least 1'],
    ['no steps', 'procedures[3].steps', [], 'needs at least one step'],
    ['a long source', 'procedures[0].source', 'x'.repeat(41), 'must be at most 40 characters'],
  ])('reports %s', (_, path, value, message) => {
    const p = base();
    edit(p, path, value);
    expect(errorsOf(p)).toContainEqual({ path, message });
  });

  it('reports a non-object input at the root', () => {
    expect(errorsOf(null)).toEqual([{ path: '$', message: 'must be an object' }]);
    expect(errorsOf([])).toEqual([{ path: '$', message: 'must be an object, not an array' }]);
  });

  it('caps a flood of errors', () => {
    const p = base();
    edit(
      p,
      'languages',
      Array.from({ length: 500 }, () => 'fr'),
    );
    const errors = errorsOf(p);
    expect(errors).toHaveLength(101);
    expect(errors.at(-1)).toEqual({ path: '$', message: 'and 400 more errors' });
  });
});

describe('parsePack: hostile input is rejected before validation', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s with its path', (key) => {
    const p = base();
    // JSON.parse makes `__proto__` an own key, as it would be in a downloaded pack.
    edit(p, 'procedures[1].steps[2].phrases[0]', JSON.parse(`{"id":"x","text":{"zh-CN":"x"},"${key}":{"polluted":true}}`));
    expect(errorsOf(p)).toEqual([{ path: `procedures[1].steps[2].phrases[0].${key}`, message: `forbidden key "${key}"` }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects nesting deeper than 32 levels, naming where', () => {
    const p = base();
    let node: Record<string, unknown> = {};
    edit(p, 'procedures[0].extra', node);
    for (let i = 0; i < 40; i++) node = node.a = {};
    expect(errorsOf(p)).toEqual([{ path: `procedures[0].extra${'.a'.repeat(29)}`, message: 'is nested deeper than 32 levels' }]);
  });

  it('survives cycles and shared references', () => {
    const cyclic = base();
    edit(cyclic, 'procedures[0].self', cyclic);
    expect(errorsOf(cyclic)[0]?.message).toBe('is nested deeper than 32 levels');
    let wide: unknown = 'x'.repeat(1000);
    for (let i = 0; i < 30; i++) wide = [wide, wide]; // 2^30 leaves if walked naively
    expect(errorsOf({ ...base(), extra: wide })).toEqual([{ path: '$', message: 'is larger than 5 MB' }]);
  });

  it('rejects values that are not JSON data', () => {
    expect(errorsOf({ ...base(), version: 10n })).toEqual([{ path: 'version', message: 'must be JSON data, not a bigint' }]);
    expect(errorsOf({ ...base(), version: Infinity })).toEqual([{ path: 'version', message: 'must be a finite number' }]);
    expect(errorsOf({ ...base(), title: new Map() })).toEqual([{ path: 'title', message: 'must be plain JSON data' }]);
    const trap = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    expect(errorsOf(trap)).toEqual([{ path: '$', message: 'could not be read: trap' }]);
    const nasty = {
      get format() {
        throw {
          toString: () => {
            throw new Error('again');
          },
        };
      },
    };
    expect(errorsOf(nasty)).toEqual([{ path: '$', message: 'could not be read: unknown error' }]);
  });

  it('rejects input over 5 MB, as text and as a value', () => {
    const big = { ...base(), padding: 'x'.repeat(MAX_PACK_BYTES) };
    expect(errorsOf(big)).toEqual([{ path: '$', message: 'is larger than 5 MB' }]);
    const text = JSON.stringify(big);
    expect(parsePackText(text)).toEqual({ ok: false, errors: [{ path: '$', message: 'is larger than 5 MB' }] });
    // Counted in UTF-8 bytes: 2 M Chinese characters are 6 MB.
    expect(parsePackText(`"${'字'.repeat(2_000_000)}"`).ok).toBe(false);
  });
});

describe('parsePackText', () => {
  it('accepts the default pack, with or without a BOM', () => {
    expect(parsePackText(defaultText).ok).toBe(true);
    expect(parsePackText(`\uFEFF${defaultText}`).ok).toBe(true);
  });

  it.each([
    ['{\n  "format": 1,\n  "id": }', 3, 9, 'unexpected "}"'],
    ['{"a": [1, 2,]}', 1, 13, 'unexpected "]"'],
    ['{"a": 1} x', 1, 10, 'unexpected "x"'],
    ['{"a": "b', 1, 9, 'unexpected end of text'],
    ['{\n"a" 1}', 2, 5, 'unexpected "1"'],
    ['{"a": "\\x"}', 1, 9, 'unexpected "x"'],
    ['', 1, 1, 'unexpected end of text'],
    [`${'['.repeat(100000)}`, 1, 100001, 'unexpected end of text'],
  ])('reports a syntax error with line and column: %j', (text, line, column, found) => {
    expect(parsePackText(text)).toEqual({
      ok: false,
      errors: [{ path: '$', message: `JSON syntax error at line ${line}, column ${column}: ${found}`, line, column }],
    });
  });

  it('returns schema and semantic errors for valid JSON', () => {
    expect(parsePackText('{"format": 1}')).toMatchObject({ ok: false, errors: expect.arrayContaining([{ path: 'id', message: 'is required' }]) });
  });

  it('rejects input that is not a string', () => {
    expect(parsePackText(42 as unknown as string)).toEqual({ ok: false, errors: [{ path: '$', message: 'must be JSON text' }] });
  });
});
