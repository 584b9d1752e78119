/** Pack updates service: acknowledgements stored and announced to the other panels; notices dismissed. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import * as repo from '@/lib/db/repo';
import { db } from '@/lib/db/schema';
import { testBrowser } from './fake-browser';
import { createPackConfig } from './pack-config';
import { createPackUpdatesService } from './pack-updates';

const d = db();
const pushes: Array<{ push: unknown; except?: unknown }> = [];
const ports = { toPanels: (push: unknown, except?: unknown) => void pushes.push({ push, except }), toTab: () => 0, accept: () => undefined };
const panel = { tab: { id: 3 }, frameId: 7 };
const h = () => createPackUpdatesService({ db: d, ports: ports as never, config: createPackConfig({ db: d, browser: testBrowser }) });

beforeEach(async () => {
  await Promise.all([d.acks.clear(), d.kv.clear(), d.packs.clear()]);
  pushes.length = 0;
});

describe('pack updates service', () => {
  it('stores an acknowledgement once per phrase and tells the other panels, not the sender', async () => {
    const ack = { packId: 'acme.sop', version: 2, procedureId: 'refund', phraseIds: ['greet', 'greet', 'close'] };
    const { acked } = await h()['pack.ack'](ack, panel);
    expect(Object.keys(acked).sort()).toHaveLength(2);
    expect(await repo.acksFor(d, 'acme.sop', 2)).toHaveLength(2);
    expect(pushes).toEqual([{ push: { type: 'packs.changed' }, except: { tabId: 3, frameId: 7 } }]);
  });

  it('hides a dismissed notice from the panel and keeps the others', async () => {
    await repo.updateNotices(d, () => [
      { id: 'n1', kind: 'refused', at: 1, source: 'https://p.example/a.json', code: 'bad-signature', message: 'x' },
      { id: 'n2', kind: 'refused', at: 2, source: 'https://p.example/b.json', code: 'bad-signature', message: 'y' },
    ]);
    expect((await h()['packs.updates']({}, panel)).notices.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(await h()['packs.dismissNotice']({ id: 'n1' }, panel)).toEqual({ ok: true });
    const { notices, changes } = await h()['packs.updates']({}, panel);
    expect(notices.map((n) => n.id)).toEqual(['n2']);
    expect(changes).toEqual([]);
  });
});
