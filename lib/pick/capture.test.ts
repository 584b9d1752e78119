import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { captureFrame } from './capture';
import { checkPackAnchors } from './check-pack';
import { nodeDocument } from './node-dom';
import { readSnapshot, SNAPSHOT_KIND, SNAPSHOT_VERSION } from './snapshot-schema';
import { anchorPackFiles } from './test-pack';

// Distinctive values a customer record could hold: none may survive capture.
const SECRETS = ['Zhang Sanfeng', '13812345678', 'zs@example.com', '张三丰', '110101199003071234', 'Gold Plus 88'];

const PAGE = `<!doctype html><html><head><title>Zhang Sanfeng</title><script>var x = "13812345678"</script></head><body>
<h1>Customer</h1>
<table><tr><td>客户姓名：</td><td><input name="cname" value="张三丰"></td></tr>
<tr><td>Zhang Sanfeng</td><td>13812345678</td></tr></table>
<label for="email">Email</label><input id="email" type="email" value="zs@example.com" placeholder="zs@example.com" title="zs@example.com">
<select name="plan"><option selected>Gold Plus 88</option></select>
<textarea id="notes">Zhang Sanfeng called about 110101199003071234</textarea>
<a href="/customers/110101199003071234/edit?phone=13812345678">Zhang Sanfeng</a>
<div data-customer="zs@example.com" data-row="13812345678" class="row" onclick="alert(1)">张三丰</div>
<button type="button" aria-label="Change plan">Change plan</button>
<input type="submit" value="Save">
<x-phone></x-phone>
</body></html>`;

function capture() {
  const { document } = parseHTML(PAGE);
  const host = document.querySelector('x-phone')!;
  const root = host.attachShadow({ mode: 'open' });
  const label = root.appendChild(document.createElement('label'));
  label.setAttribute('for', 'phone');
  label.textContent = 'Mobile';
  const input = root.appendChild(document.createElement('input'));
  input.setAttribute('id', 'phone');
  input.setAttribute('value', '13812345678');
  // What an agent typed: the property, not the attribute. Capture never reads it.
  (document.getElementById('email') as unknown as { value: string }).value = 'typed@example.com';
  return captureFrame(document as unknown as Document, 'main', 'https://crm.test/customers/110101199003071234/view?id=13812345678');
}

describe('captureFrame', () => {
  const frame = capture();
  const json = JSON.stringify(frame);

  it('keeps no customer value anywhere: text, attributes, URLs, scripts, shadow roots', () => {
    for (const secret of [...SECRETS, 'typed@example.com', '1381234']) expect(json).not.toContain(secret);
    expect(json).not.toContain('onclick');
  });

  it('keeps what anchors need: labels, label cells, button text, ids, names, classes, types', () => {
    for (const kept of ['客户姓名：', '"Email"', '"Mobile"', '"Change plan"', '"Save"', '"Customer"', '"cname"', '"row"', '"email"'])
      expect(json).toContain(kept);
    expect(frame.page).toBe('https://crm.test/customers/*/view');
    expect(json).toContain('"href":"/customers/*/edit"');
    expect(json).toContain('"s":[{"t":"label"');
  });

  it('is a valid snapshot that the anchor tests read', () => {
    const snap = { kind: SNAPSHOT_KIND, version: SNAPSHOT_VERSION, taken: '2026-12-05T07:00:00.000Z', frames: [frame] };
    expect(readSnapshot(JSON.stringify(snap))).toMatchObject({ ok: true });
    const files = { ...anchorPackFiles(), 'snapshots/live.json': JSON.stringify(snap) };
    const failures = checkPackAnchors(files, nodeDocument).map((f) => f.anchor);
    // Name, guard: found. Phone (#phone, in the shadow root): found. Notes anchor wants a frame this page has not.
    expect(failures).toEqual(['step p/a anchor 1']);
  });
});

describe('readSnapshot', () => {
  it('names the path of what is wrong, and refuses newer versions', () => {
    const snap = { kind: SNAPSHOT_KIND, version: 1, taken: '2026-12-05T07:00:00.000Z', frames: [{ name: '', page: '', body: { t: 'BODY' } }] };
    expect(readSnapshot(JSON.stringify(snap))).toMatchObject({ ok: false, message: expect.stringMatching(/^is not a valid snapshot: at frames\.0\.body/) });
    expect(readSnapshot(JSON.stringify({ ...snap, version: 9 }))).toMatchObject({
      message: expect.stringMatching(/^is snapshot version 9; this Cuecard reads version 2/),
    });
  });

  it('reads a version 1 file as version 2 without an anchor list; only version 2 may list anchors', () => {
    const v1 = { kind: SNAPSHOT_KIND, version: 1, taken: '2026-12-05T07:00:00.000Z', frames: [{ name: '', page: 'https://crm.test/', body: { t: 'body' } }] };
    const read = readSnapshot(JSON.stringify(v1));
    expect(read).toMatchObject({ ok: true, snapshot: { version: 2 } });
    expect(read.ok && read.snapshot.anchors).toBeUndefined();
    expect(readSnapshot(JSON.stringify({ ...v1, anchors: ['field x'] }))).toEqual({ ok: false, message: 'is not a valid snapshot: "anchors" needs version 2' });
    expect(readSnapshot(JSON.stringify({ ...v1, version: 2, anchors: ['field x'] }))).toMatchObject({ ok: true, snapshot: { anchors: ['field x'] } });
  });
});
