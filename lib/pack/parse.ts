/**
 * The one way a pack gets in: screen hostile input, validate against the schema, then run
 * the semantic checks. Never throws: packs come from files, URLs and policy we don't control.
 */
import * as v from 'valibot';
import { checkPack, type PackError } from './check';
import { PackSchema, type Pack } from './schema';

export type { PackError } from './check';
export type ParseResult = { ok: true; pack: Pack; warnings: PackError[] } | { ok: false; errors: PackError[] };

export const MAX_PACK_BYTES = 5 * 1024 * 1024;
export const MAX_DEPTH = 32;
/** Enough to fix a pack by; a broken 5 MB file should not produce a 5 MB error list. */
const MAX_ERRORS = 100;
/** Keys that could reach Object.prototype if any later code merges pack data into objects. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function parsePack(input: unknown): ParseResult {
  try {
    const hostile = screen(input);
    if (hostile.length) return fail(hostile);
    const result = v.safeParse(PackSchema, input);
    if (!result.success) return fail(dedupe(result.issues.map(toError)));
    const { errors, warnings } = checkPack(result.output);
    return errors.length ? fail(errors) : { ok: true, pack: result.output, warnings };
  } catch (e) {
    // Proxies and throwing getters can still get here; report rather than crash the caller.
    return fail([{ path: '$', message: `could not be read: ${errorText(e)}` }]);
  }
}

/** Parse pack JSON; syntax errors report their 1-based line and column. */
export function parsePackText(json: string): ParseResult {
  if (typeof json !== 'string') return fail([{ path: '$', message: 'must be JSON text' }]);
  if (json.length > MAX_PACK_BYTES || utf8Length(json) > MAX_PACK_BYTES) return fail([tooLarge()]);
  const text = json.charCodeAt(0) === 0xfeff ? json.slice(1) : json; // editors on Windows add a BOM
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const offset = syntaxErrorOffset(text);
    // Syntactically valid yet refused (an engine limit, say): pass on the engine's words.
    if (offset < 0) return fail([{ path: '$', message: `could not be parsed: ${errorText(e)}` }]);
    const { line, column } = position(text, offset);
    const found = offset >= text.length ? 'unexpected end of text' : `unexpected ${JSON.stringify(text[offset])}`;
    return fail([{ path: '$', message: `JSON syntax error at line ${line}, column ${column}: ${found}`, line, column }]);
  }
  return parsePack(value);
}

function fail(errors: PackError[]): ParseResult {
  if (errors.length <= MAX_ERRORS) return { ok: false, errors };
  const more = { path: '$', message: `and ${errors.length - MAX_ERRORS} more errors` };
  return { ok: false, errors: [...errors.slice(0, MAX_ERRORS), more] };
}

/** An exception's message, even from a hostile value whose toString throws; kept short. */
function errorText(e: unknown): string {
  try {
    return (e instanceof Error ? e.message : String(e)).slice(0, 200);
  } catch {
    return 'unknown error';
  }
}

const tooLarge = (): PackError => ({ path: '$', message: `is larger than ${MAX_PACK_BYTES / 1024 / 1024} MB` });

type Segment = string | number;

/**
 * Walks the raw input before valibot sees it. The byte budget (an estimate of the JSON
 * size) also bounds the walk itself, so shared references or huge sparse arrays stop early.
 */
function screen(input: unknown): PackError[] {
  const found: PackError[] = [];
  let budget = MAX_PACK_BYTES;
  const path: Segment[] = [];
  const walk = (value: unknown): boolean => {
    if (typeof value === 'string') return spend(value.length + 2);
    if (typeof value === 'number' && !Number.isFinite(value)) return stop('must be a finite number');
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      return stop(`must be JSON data, not a ${typeof value}`);
    }
    if (typeof value !== 'object' || value === null) return spend(5);
    if (path.length >= MAX_DEPTH) return stop(`is nested deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(value)) {
      if (!spend(value.length + 2)) return false;
      for (let i = 0; i < value.length; i++) if (!descend(i, value[i])) return false;
      return true;
    }
    // Plain objects only, from any realm (a Map or Date would validate as an empty object).
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return stop('must be plain JSON data');
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!spend(key.length + 4)) return false;
      if (FORBIDDEN_KEYS.has(key)) found.push({ path: formatPath([...path, key]), message: `forbidden key "${key}"` });
      else if (!descend(key, record[key])) return false;
    }
    return true;
  };
  const spend = (bytes: number): boolean => (budget -= bytes) >= 0 || stop();
  const descend = (key: Segment, value: unknown): boolean => {
    path.push(key);
    const ok = walk(value);
    path.pop();
    return ok;
  };
  function stop(message?: string): false {
    found.push(message ? { path: formatPath(path), message } : tooLarge());
    return false;
  }
  walk(input);
  return found;
}

/** `procedures[2].steps[0].text.zh-CN`; odd keys are quoted so the path stays unambiguous. */
function formatPath(segments: ReadonlyArray<Segment>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out || '$';
}

function toError(issue: v.BaseIssue<unknown>): PackError {
  const segments = (issue.path ?? []).map((item) => (typeof item.key === 'number' ? item.key : String(item.key)));
  // valibot takes an array for an object and reports each key as missing; say it once, plainly.
  if (issue.type === 'strict_object' && Array.isArray(issue.path?.at(-1)?.input)) {
    return { path: formatPath(segments.slice(0, -1)), message: 'must be an object, not an array' };
  }
  return { path: formatPath(segments), message: describe(issue) };
}

function dedupe(errors: PackError[]): PackError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(`${e.path}\n${e.message}`) && seen.add(`${e.path}\n${e.message}`));
}

/** valibot's default messages ("Invalid key: Expected never…") rewritten for pack authors. */
function describe(issue: v.BaseIssue<unknown>): string {
  const key = issue.path?.at(-1)?.key;
  if (issue.type === 'strict_object' || issue.type === 'object') {
    if (issue.expected === 'never') return `unknown key ${JSON.stringify(String(key))}`;
    return issue.expected === 'Object' ? 'must be an object' : 'is required';
  }
  // Messages written in the schema (ids, lengths) are already meant for authors.
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  const requirement = String((issue as { requirement?: unknown }).requirement);
  switch (issue.type) {
    case 'string':
      return 'must be a string';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
    case 'array':
      return 'must be an array';
    case 'literal':
      return `must be ${issue.expected}`;
    case 'picklist':
      return `must be one of ${String(issue.expected)
        .replace(/^\(|\)$/g, '')
        .replaceAll(' | ', ', ')}`;
    case 'integer':
      return 'must be a whole number';
    case 'min_value':
      return `must be at least ${requirement}`;
    case 'max_value':
      return `must be at most ${requirement}`;
    case 'min_length':
      return requirement === '1' ? 'must not be empty' : `must have at least ${requirement} items`;
    case 'max_length':
      return `must be at most ${requirement} characters`;
    default:
      return `is invalid (expected ${issue.expected ?? issue.type}, got ${issue.received})`;
  }
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes in all, so 2 per half.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/**
 * Offset of the first JSON syntax error (-1 if there is none). JSON.parse's own messages differ between Chrome,
 * Firefox and Node and often omit the position, so we find it with a small iterative
 * scanner (iterative, so `[[[[…` of any depth cannot overflow the stack).
 */
function syntaxErrorOffset(s: string): number {
  const closers: string[] = [];
  let i = 0;
  const space = () => {
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r') i++;
  };
  // Each reader consumes one token, or returns false with `i` on the offending character.
  const string = (): boolean => {
    if (s[i] !== '"') return false;
    for (i++; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c !== 0x5c) continue;
      const escape = s[i + 1];
      if (escape === 'u' && HEX4.test(s.slice(i + 2, i + 6))) i += 5;
      else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 1;
      else {
        i++; // point at the bad escape character, not the backslash
        return false;
      }
    }
    return false;
  };
  const key = (): boolean => {
    space();
    if (!string()) return false;
    space();
    if (s[i] !== ':') return false;
    i++;
    return true;
  };
  const scalar = (): boolean => {
    if (s[i] === '"') return string();
    LITERAL.lastIndex = i;
    if (!LITERAL.test(s)) return false;
    i = LITERAL.lastIndex;
    return true;
  };
  for (;;) {
    space();
    const open = s[i];
    if (open === '{' || open === '[') {
      const close = open === '{' ? '}' : ']';
      i++;
      space();
      if (s[i] !== close) {
        closers.push(close);
        if (open === '{' && !key()) return i;
        continue; // read the first value
      }
      i++; // an empty container is a whole value
    } else if (!scalar()) return i;
    // After a value: close containers until a comma asks for the next value.
    for (;;) {
      space();
      const close = closers.at(-1);
      if (close === undefined) return i < s.length ? i : -1; // text after the value, or no error
      if (s[i] === close) {
        closers.pop();
        i++;
      } else if (s[i] === ',') {
        i++;
        if (close === '}' && !key()) return i;
        break;
      } else return i;
    }
  }
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
