import { describe, expect, it } from 'vitest';
import { matchesAny, matchesUrl } from './site-match';

describe('matchesUrl: match patterns', () => {
  it.each([
    ['http://127.0.0.1/*', 'http://127.0.0.1:5173/index.html', true], // no port in the pattern: any port
    ['http://127.0.0.1/*', 'https://127.0.0.1/index.html', false],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:5173/', false],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:8080/a', true],
    ['https://crm.example.com/*', 'https://crm.example.com', true], // URL adds the "/" path
    ['https://*.example.com/*', 'https://crm.example.com/x', true],
    ['https://*.example.com/*', 'https://example.com/x', true],
    ['https://*.example.com/*', 'https://badexample.com/x', false],
    ['*://crm.example.com/ticket/*', 'http://crm.example.com/ticket/12', true],
    ['*://crm.example.com/ticket/*', 'ftp://crm.example.com/ticket/12', false],
    ['https://crm.example.com/*?id=*', 'https://crm.example.com/view?id=3', true], // `?` is literal
    ['https://crm.example.com/a?b', 'https://crm.example.com/axb', false],
    ['https://crm.example.com/*', 'https://crm.example.com.evil.io/', false],
    ['<all_urls>', 'http://anything.test/', true],
    ['<all_urls>', 'chrome-extension://abc/panel.html', false],
  ])('%s ~ %s → %s', (pattern, url, expected) => {
    expect(matchesUrl(pattern, url)).toBe(expected);
  });

  it('matches the path and query, not the hash', () => {
    expect(matchesUrl('http://crm.test/spa.html', 'http://crm.test/spa.html#/ticket')).toBe(true);
  });
});

describe('matchesUrl: globs', () => {
  it('treats anything that is not a match pattern as a glob over the whole URL', () => {
    expect(matchesUrl('*tab=complaint*', 'http://127.0.0.1:5173/main.html?tab=complaint')).toBe(true);
    expect(matchesUrl('*tab=complaint*', 'http://127.0.0.1:5173/main.html?tab=ticket')).toBe(false);
    expect(matchesUrl('*#/ticket', 'http://crm.test/spa.html#/ticket')).toBe(true);
  });

  it('escapes regular-expression characters', () => {
    expect(matchesUrl('*(a+b)*', 'http://crm.test/(a+b)')).toBe(true);
    expect(matchesUrl('*(a+b)*', 'http://crm.test/aab')).toBe(false);
  });

  it('is false for something that is not a URL', () => {
    expect(matchesUrl('*', 'not a url')).toBe(false);
  });
});

describe('matchesAny', () => {
  it('matches when any pattern matches any of the URLs, skipping unknown ones', () => {
    const patterns = ['http://localhost/*', 'http://127.0.0.1/*'];
    expect(matchesAny(patterns, [undefined, 'http://127.0.0.1:9/x'])).toBe(true);
    expect(matchesAny(patterns, ['https://other.test/', undefined])).toBe(false);
  });
});
