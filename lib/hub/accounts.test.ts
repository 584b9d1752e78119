import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, checkLogin } from './accounts';
import { openPglite, type Db } from './db';
import { migrate } from './migrate';

describe('checkLogin', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    await addUser(db, 'Lead@Example.com', 'correct horse battery', 0);
  });
  afterAll(() => db.close());

  it('takes the right password only, whatever the e-mail’s case', async () => {
    expect(await checkLogin(db, 'lead@example.com', 'correct horse battery')).toBe(true);
    expect(await checkLogin(db, 'LEAD@example.com', 'correct horse battery')).toBe(true);
    expect(await checkLogin(db, 'lead@example.com', 'correct horse batter')).toBe(false);
  });

  it('refuses an unknown e-mail, every time, whatever the password', async () => {
    for (const password of ['correct horse battery', 'x'.repeat(10), '']) expect(await checkLogin(db, 'nobody@example.com', password)).toBe(false);
  });
});
