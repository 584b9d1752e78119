import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePackText } from '../pack/parse';
import type { Pack } from '../pack/schema';
import { fieldMasks, packFields, pageSites, storableValues, templatesFor } from './pack-context';

const parsed = parsePackText(readFileSync(join(__dirname, '../../public/packs/default.json'), 'utf8'));
if (!parsed.ok) throw new Error('default pack is invalid');
const pack: Pack = parsed.pack;
const proc = (id: string) => pack.procedures.find((p) => p.id === id)!;

describe("the default pack's page context", () => {
  it('declares the demo CRM fields with their masks', () => {
    expect(packFields(pack).map((f) => f.id)).toEqual(['customer.name', 'customer.phone', 'customer.account', 'ticket.id']);
    expect(fieldMasks(pack)).toEqual({ 'customer.name': 'name', 'customer.phone': 'phone', 'customer.account': 'id', 'ticket.id': 'id' });
  });

  it('offers the intake record on 2.5 and the transfer brief on 3.3', () => {
    expect(templatesFor(pack, proc('inbound-phone'), 'record').map((t) => t.id)).toEqual(['intake-record']);
    expect(templatesFor(pack, proc('inbound-online'), 'transfer-handover').map((t) => t.id)).toEqual(['transfer-brief']);
    expect(templatesFor(pack, proc('transfer'), 'handover').map((t) => t.id)).toEqual(['transfer-brief']);
    expect(templatesFor(pack, proc('inbound-phone'), 'greet')).toEqual([]);
  });
});

describe('storableValues', () => {
  it('keeps only storable fields, masked', () => {
    const values = { 'customer.name': '张三', 'customer.phone': '13812345678', 'ticket.id': 'T20080808001', 'x.y': 'z' };
    expect(storableValues(pack, values)).toEqual({ 'customer.phone': '138****5678', 'ticket.id': 'T20*****8001' });
  });
});

describe('pageSites', () => {
  it('hands the content script locators and rules, without pack text', () => {
    const [site] = pageSites(pack);
    expect(JSON.stringify(site)).not.toMatch(/客户姓名"|Customer name/);
    expect(site!.fields[0]).toEqual({ id: 'customer.name', selector: '#cust-name, #spa-name', labelText: undefined, frame: undefined });
  });
});
