/**
 * Which pack ids a signing key may sign: a list of patterns, each an exact pack id
 * (`acme.team-b`) or a namespace (`acme.*`: every id that starts with `acme.`, not `acme`
 * itself). `*` (any id) exists only for keys an administrator set by policy: an agent who is
 * talked into adding a key must also be talked into naming the pack it may take over, and that
 * name shows up beside the key (issue 10).
 */

/** The pack id syntax (base-schema.ts IdSchema), repeated here to build the namespace form. */
const ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;
export const ANY_PACK_ID = '*';
export const MAX_PACK_ID_PATTERNS = 20;

/** Why `text` is not a pattern, or undefined when it is one. */
export function packIdPatternProblem(text: string, opts: { allowAny: boolean }): string | undefined {
  if (text === ANY_PACK_ID) return opts.allowAny ? undefined : 'must name pack ids: "*" (any pack) can only be set by your organisation';
  const id = text.endsWith('.*') ? text.slice(0, -2) : text;
  if (!ID.test(id)) return `"${text}" is not a pack id (a-z, 0-9, . _ -, e.g. acme.team-b) or a namespace ending in .* (e.g. acme.*)`;
  return undefined;
}

export function packIdMatches(pattern: string, packId: string): boolean {
  if (pattern === ANY_PACK_ID) return true;
  if (pattern.endsWith('.*')) return packId.startsWith(pattern.slice(0, -1));
  return pattern === packId;
}

export function anyPackIdMatches(patterns: readonly string[], packId: string): boolean {
  return patterns.some((p) => packIdMatches(p, packId));
}

/** "acme.team-b, acme.*" or "acme.team-b acme.*" → the patterns, in order, without repeats. */
export function splitPackIdPatterns(text: string): string[] {
  return [...new Set(text.split(/[\s,，;；]+/).filter(Boolean))];
}
