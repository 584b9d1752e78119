/**
 * Random near-valid packs: mutations of the default pack must never make the parser throw,
 * and every failure must say where and what. Seeded, so a failing case can be replayed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePack, parsePackText, type ParseResult } from './parse';

const defaultText = readFileSync(new URL('../../public/packs/default.json', import.meta.url), 'utf8');
const defaultPack: unknown = JSON.parse(defaultText);

/** mulberry32: tiny, seedable, good enough to pick mutations. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Container = Record<string, unknown> | unknown[];

function mutator(rand: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const randomString = () => {
    const alphabet = ['a', 'Z', '0', '-', '.', '_', ' ', '{', '}', '"', '\\', '字', '😀', '\u0000', '\uD800', '\n'];
    return Array.from({ length: Math.floor(rand() * 12) }, () => pick(alphabet)).join('');
  };
  const values = (): unknown[] => [
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    NaN,
    Infinity,
    '',
    randomString(),
    'x'.repeat(20001),
    'zh-CN',
    'greet',
    [],
    {},
    [null],
    { 'zh-CN': 1 },
  ];
  const hostileKeys = ['__proto__', 'constructor', 'prototype', 'foo', '', 'zh-CN', 'next', 'choices'];

  function containers(node: unknown, out: Container[] = []): Container[] {
    if (node && typeof node === 'object') {
      out.push(node as Container);
      for (const child of Object.values(node)) containers(child, out);
    }
    return out;
  }

  // Containers are listed once per pack: a node that a later mutation detaches may still be
  // picked, which only wastes that mutation.
  return function mutate(root: Container, count: number): void {
    const all = containers(root);
    for (let m = 0; m < count; m++) mutateOne(pick(all));
  };

  function mutateOne(node: Container): void {
    const keys = Object.keys(node);
    const key = keys.length ? pick(keys) : '0';
    const target = node as Record<string, unknown>;
    switch (pick(['delete', 'null', 'value', 'string', 'key', 'duplicate', 'deep', 'swap'] as const)) {
      case 'delete':
        if (Array.isArray(node)) node.splice(Number(key), 1);
        else delete target[key];
        break;
      case 'null':
        target[key] = null;
        break;
      case 'value':
        target[key] = pick(values());
        break;
      case 'string':
        target[key] = randomString();
        break;
      case 'key':
        // defineProperty makes `__proto__` an own key, as JSON.parse does.
        Object.defineProperty(node, pick(hostileKeys), { value: pick(values()), enumerable: true, writable: true, configurable: true });
        break;
      case 'duplicate':
        if (Array.isArray(node) && node.length) node.push(structuredClone(node[0]));
        break;
      case 'deep': {
        let value: unknown = target[key];
        for (let i = 0; i < 1 + rand() * 40; i++) value = [value];
        target[key] = value;
        break;
      }
      case 'swap':
        target[key] = target[pick(keys)] ?? 'greet';
        break;
    }
  }
}

function expectWellFormed(result: ParseResult): void {
  if (result.ok) {
    expect(Array.isArray(result.warnings)).toBe(true);
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(typeof error.path === 'string' && error.path.length > 0).toBe(true);
    expect(typeof error.message === 'string' && error.message.length > 0).toBe(true);
  }
}

describe('parsePack under random mutation', () => {
  it('never throws on 2,500 mutated packs, as values and as JSON text', () => {
    const rand = random(20240611);
    const mutate = mutator(rand);
    let failures = 0;
    for (let n = 0; n < 2500; n++) {
      const pack = structuredClone(defaultPack) as Container;
      mutate(pack, 1 + Math.floor(rand() * 4));
      const result = parsePack(pack);
      expectWellFormed(result);
      if (!result.ok) failures++;
      // Every fifth case also goes through text, where NaN and Infinity become null.
      if (n % 5 === 0) expectWellFormed(parsePackText(JSON.stringify(pack)));
    }
    // Most mutations must be caught; a few (an en string changed, say) are still valid packs.
    expect(failures).toBeGreaterThan(1500);
  }, 60_000); // generous: CI machines are small and shared

  it('never throws on 500 corrupted JSON texts, and places syntax errors', () => {
    const rand = random(7);
    const junk = ['{', '}', '[', ']', ',', ':', '"', '\\', 'x', '0', ' ', '\n', ''];
    for (let n = 0; n < 500; n++) {
      let text = defaultText;
      for (let m = 0; m < 1 + rand() * 3; m++) {
        const at = Math.floor(rand() * text.length);
        const cut = Math.floor(rand() * 3);
        text = text.slice(0, at) + junk[Math.floor(rand() * junk.length)] + text.slice(at + cut);
      }
      const result = parsePackText(text);
      expectWellFormed(result);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      if (!parses) {
        expect(result.ok).toBe(false);
        const [error] = result.ok ? [] : result.errors;
        expect(error?.line).toBeGreaterThan(0);
        expect(error?.column).toBeGreaterThan(0);
      }
    }
  }, 60_000);
});
