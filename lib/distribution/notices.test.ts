import { describe, expect, it } from 'vitest';
import { dismissNotice, expiredNotices, noticeId, upsertNotice } from './notices';
import type { PackNotice } from './views';

const URL = 'https://packs.example.com/b.json';
const refused = (code: string, at = 1): PackNotice => ({ id: noticeId('refused', URL, code), kind: 'refused', at, source: URL, code, message: code });
const updated = (version: number): PackNotice => ({
  id: noticeId('updated', 'p', version),
  kind: 'updated',
  at: version,
  source: URL,
  packId: 'p',
  version,
  fromVersion: version - 1,
});

describe('pack notices', () => {
  it('gives the same event the same id, and different events different ids', () => {
    expect(noticeId('refused', URL, 'expired')).toBe(noticeId('refused', URL, 'expired'));
    expect(noticeId('refused', URL, 'expired')).not.toBe(noticeId('refused', URL, 'rollback'));
    expect(noticeId('refused', URL, 'expired')).toMatch(/^refused-[0-9a-z]+$/);
  });

  it('does not announce a dismissed refusal again when the same file is refused again', () => {
    let list = upsertNotice([], refused('bad-signature', 1));
    list = dismissNotice(list, list[0]!.id);
    list = upsertNotice(list, refused('bad-signature', 2));
    expect(list).toEqual([{ ...refused('bad-signature', 2), dismissed: true }]);
    // A different reason is news.
    list = upsertNotice(list, refused('expired', 3));
    expect(list.map((n) => [n.code, n.dismissed ?? false])).toEqual([
      ['expired', false],
      ['bad-signature', true],
    ]);
  });

  it('clears a source refusals and the pack older update notices once a release is installed', () => {
    let list = upsertNotice([], updated(2));
    list = upsertNotice(list, refused('expired'));
    list = upsertNotice(list, updated(3));
    expect(list.map((n) => n.id)).toEqual([updated(3).id]);
  });

  it('keeps the newest notices within the bound', () => {
    let list: PackNotice[] = [];
    for (let i = 0; i < 30; i++) list = upsertNotice(list, { ...refused(`c${i}`), source: `${URL}?${i}` }, 5);
    expect(list.map((n) => n.code)).toEqual(['c29', 'c28', 'c27', 'c26', 'c25']);
  });

  it('announces each installed pack whose expiry has passed, and only those', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    const list = expiredNotices(
      [
        { id: 'a', version: 3, expiresAt: now - 1 },
        { id: 'b', version: 1, expiresAt: now + 60_000 },
        { id: 'c', version: 2 },
        { id: 'd', version: 4, expiresAt: now },
      ],
      now,
    );
    expect(list.map((n) => [n.kind, n.packId, n.version, n.at])).toEqual([
      ['expired', 'a', 3, now - 1],
      ['expired', 'd', 4, now],
    ]);
    expect(list[0]!.id).toBe(noticeId('expired', 'a', 3));
  });
});
