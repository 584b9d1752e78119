// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { PageSite } from '../context/pack-context';
import { readContext } from './context';

const html = (markup: string) => document.body.replaceChildren(document.createRange().createContextualFragment(markup));
const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);

const site: PageSite = {
  match: ['http://127.0.0.1/*'],
  fields: [
    { id: 'customer.name', selector: '#name' },
    { id: 'customer.phone', labelText: '手机号码' },
    { id: 'ticket.id', labelText: '工单号', frame: 'ticket.html' },
    { id: 'customer.bad', selector: '##' },
  ],
  suggest: [
    { procedure: 'complaint', url: '*tab=complaint*' },
    { procedure: 'escalation', selector: '#vip-flag' },
    { procedure: 'transfer', selector: '#name', url: '*tab=transfer*' },
  ],
};

beforeEach(() => {
  setUrl('http://127.0.0.1:5173/main.html?tab=complaint');
  html(
    '<table><tr><td><label for="phone">手机号码 Mobile</label></td><td><input id="phone" value="13812345678"></td></tr></table><input id="name" value="张三"><table><tr><td>工单号</td><td><input value="T1"></td></tr></table>',
  );
});

describe('readContext', () => {
  it('reads fields by selector and by label text, and suggests by URL', () => {
    expect(readContext(window, [site])).toEqual({
      values: { 'customer.name': '张三', 'customer.phone': '13812345678' },
      fields: ['customer.name', 'customer.phone', 'ticket.id', 'customer.bad'],
      suggest: ['complaint'],
    });
  });

  it('reads a field with a frame hint only in the frame it names', () => {
    setUrl('http://127.0.0.1:5173/ticket.html');
    expect(readContext(window, [site]).values['ticket.id']).toBe('T1');
  });

  it('suggests only when every condition of a rule holds', () => {
    setUrl('http://127.0.0.1:5173/main.html?tab=transfer');
    expect(readContext(window, [site]).suggest).toEqual(['transfer']);
    html('<b id="vip-flag">VIP</b>'); // #name is gone: transfer no longer holds
    expect(readContext(window, [site]).suggest).toEqual(['escalation']);
    html('<b id="vip-flag">VIP</b><input id="name">');
    expect(readContext(window, [site]).suggest).toEqual(['escalation', 'transfer']);
  });

  it('does nothing on a page no site matches, unless the tab URL matches', () => {
    setUrl('http://other.test/main.html');
    expect(readContext(window, [site])).toEqual({ values: {}, fields: [], suggest: [] });
    expect(readContext(window, [site], 'http://127.0.0.1:5173/frameset.html').values['customer.name']).toBe('张三');
  });

  it('leaves empty fields out of the values', () => {
    html('<input id="name" value="  ">');
    expect(readContext(window, [site]).values).toEqual({});
  });
});
