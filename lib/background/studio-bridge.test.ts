import { describe, expect, it } from 'vitest';
import { isStudioSender } from '../messaging/sender';
import { studioOrigin } from './studio-bridge';

describe('studioOrigin', () => {
  it('keeps only the origin of the address the lead gives', () => {
    expect(studioOrigin(' https://hub.example.com/studio/?token=x ')).toBe('https://hub.example.com');
    expect(studioOrigin('http://127.0.0.1:4173/')).toBe('http://127.0.0.1:4173');
  });

  it('names what is wrong with anything else', () => {
    expect(() => studioOrigin('hub.example.com')).toThrow('"hub.example.com" is not a web address (like https://hub.example.com)');
    expect(() => studioOrigin('file:///etc/passwd')).toThrow('"file:///etc/passwd" is not an http or https address');
  });
});

describe('isStudioSender', () => {
  const studio = 'http://127.0.0.1:4173';
  const sender = (url: string, frameId = 0) => ({ id: 'ext', url, frameId, tab: { id: 1, url } });

  it('is the top frame of a page on exactly the Studio origin', () => {
    expect(isStudioSender(sender('http://127.0.0.1:4173/?token=x'), studio)).toBe(true);
  });

  it('is not another port, host or scheme, a frame, or anything when no Studio is set', () => {
    expect(isStudioSender(sender('http://127.0.0.1:5173/'), studio)).toBe(false);
    expect(isStudioSender(sender('http://localhost:4173/'), studio)).toBe(false);
    expect(isStudioSender(sender('https://127.0.0.1:4173/'), studio)).toBe(false);
    expect(isStudioSender(sender('http://127.0.0.1:4173/', 3), studio)).toBe(false);
    expect(isStudioSender(sender('http://127.0.0.1:4173/'), undefined)).toBe(false);
  });
});
