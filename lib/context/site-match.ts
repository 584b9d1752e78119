/**
 * Does a URL belong to a site? Pure and dependency-free: the content script imports it, so
 * its size counts against the content-script budget.
 *
 * A pattern is either a Chrome match pattern (`scheme://host/path`, where a host without a
 * port matches any port, as in the extension's own host permissions —
 * https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns) or, failing
 * that shape, a glob over the whole URL. In both, `*` is the only wildcard: `?` is far more
 * often a literal query-string mark in a CRM URL than a one-character wildcard.
 */

const MATCH_PATTERN = /^(\*|https?|file|ftp|wss?):\/\/([^/]*)(\/.*)$/;

/** `*` → any run of characters; everything else literal. Anchored at both ends. */
function globToRegExp(glob: string, flags = ''): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, flags);
}

function hostMatches(patternHost: string, url: URL): boolean {
  const [name = '', port] = patternHost.toLowerCase().split(':');
  if (port !== undefined && port !== '*' && port !== (url.port || defaultPort(url.protocol))) return false;
  const host = url.hostname.toLowerCase();
  if (name === '*') return true;
  if (name.startsWith('*.')) return host === name.slice(2) || host.endsWith(name.slice(1));
  return host === name;
}

const defaultPort = (protocol: string) => (protocol === 'https:' || protocol === 'wss:' ? '443' : protocol === 'file:' ? '' : '80');

export function matchesUrl(pattern: string, href: string): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (pattern === '<all_urls>') return /^(https?|file|ftp|wss?):$/.test(url.protocol);
  const m = MATCH_PATTERN.exec(pattern);
  if (!m) return globToRegExp(pattern).test(href);
  const [, scheme = '', host = '', path = ''] = m;
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : scheme !== protocol) return false;
  if (protocol !== 'file' && !hostMatches(host, url)) return false;
  return globToRegExp(path).test(url.pathname + url.search);
}

/** True when any pattern matches any of the URLs (a frame's own URL and its tab's URL). */
export function matchesAny(patterns: readonly string[], urls: ReadonlyArray<string | undefined>): boolean {
  return patterns.some((p) => urls.some((u) => u !== undefined && matchesUrl(p, u)));
}
