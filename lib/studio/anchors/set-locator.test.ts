import { describe, expect, it } from 'vitest';
import { compile } from '../../pack/authoring';
import { anchorPackFiles } from '../../pick/test-pack';
import { setLocator } from './set-locator';

const CHECKS = `sites:
  - id: s
    match: [http://x/*]
    checks:
      - id: save
        submit:
          labelText: Save
        rules:
          - id: phone
            name: { zh-CN: P, en: P }
            selector: "#p"
            required: true
`;

describe('setLocator', () => {
  it("replaces a field's locator and keeps the pack compiling", () => {
    const files = anchorPackFiles();
    const text = setLocator(files['context.yaml']!, { section: 'fields', id: 'customer.phone' }, { labelText: '手机号码', frame: 'main' });
    expect(text).not.toBeInstanceOf(Error);
    const r = compile(new Map(Object.entries({ ...files, 'context.yaml': text as string })));
    expect(r.ok && r.pack.sites![0]!.fields![1]).toMatchObject({ id: 'customer.phone', labelText: '手机号码', frame: 'main' });
    expect(r.ok && r.pack.sites![0]!.fields![1]!.selector).toBeUndefined();
    expect(r.ok && r.pack.sites![0]!.fields![0]).toMatchObject({ labelText: '客户姓名' });
  });

  it("sets a guard, a check's submit control and a rule", () => {
    const guard = setLocator(anchorPackFiles()['context.yaml']!, { section: 'guards', id: 'change-plan' }, { selector: 'button[name="plan"]' });
    expect(guard).toContain('        selector: "button[name=\\"plan\\"]"\n        name:');
    const submit = setLocator(CHECKS, { section: 'submit', check: 'save' }, { selector: '#save' }) as string;
    expect(submit).toContain('        submit:\n          selector: "#save"\n        rules:');
    const rule = setLocator(CHECKS, { section: 'rules', check: 'save', id: 'phone' }, { labelText: 'Mobile' }) as string;
    expect(rule).toContain('          - id: phone\n            labelText: "Mobile"\n            name: { zh-CN: P, en: P }\n            required: true');
  });

  it('names what it cannot find', () => {
    expect(setLocator(CHECKS, { section: 'fields', id: 'customer.x' }, { selector: '#x' })).toEqual(new Error('context.yaml has no field "customer.x"'));
    expect(setLocator(CHECKS, { section: 'rules', check: 'nope', id: 'x' }, { selector: '#x' })).toEqual(new Error('context.yaml has no check "nope"'));
  });
});
