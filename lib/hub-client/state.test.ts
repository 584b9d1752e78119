import { describe, expect, it } from 'vitest';
import { parseHubPolicy } from './state';

describe('parseHubPolicy', () => {
  it('reads the hub address and token, in one form', () => {
    expect(parseHubPolicy({ hubUrl: 'https://hub.example.com/', hubEnrolToken: ' tok_1234567890abcdef ' })).toEqual({
      hub: { url: 'https://hub.example.com', token: 'tok_1234567890abcdef' },
      problems: [],
    });
  });

  it('is nothing when neither key is set', () => {
    expect(parseHubPolicy({ packUrls: [] })).toEqual({ problems: [] });
    expect(parseHubPolicy(undefined)).toEqual({ problems: [] });
  });

  it('names what is wrong', () => {
    expect(parseHubPolicy({ hubUrl: 'https://hub.example.com' }).problems).toEqual(['policy hubEnrolToken: must be set with hubUrl']);
    expect(parseHubPolicy({ hubUrl: 'http://hub.example.com', hubEnrolToken: 'x' }).problems).toEqual([
      'policy hubUrl: must start with https:// (http:// only for localhost)',
    ]);
  });
});
