import { ADAPTERS, openWorld, type PersistenceWorld } from './persistence-worlds.js';

describe.each(ADAPTERS)('Users contract: %s', (adapter) => {
  let w: PersistenceWorld;
  beforeAll(async () => {
    w = await openWorld(adapter);
  });
  afterAll(() => w?.close());

  it('creates a user on first sign-in and finds them by id and login', async () => {
    const user = await w.users.upsertFromSignIn('Octo-Cat', 'The Octocat');
    expect(user).toMatchObject({ login: 'Octo-Cat', name: 'The Octocat' });
    expect(await w.users.byId(user.id)).toEqual(user);
    expect(await w.users.byLogin('octo-cat')).toEqual(user);
    expect(await w.users.byLogin('@OCTO-CAT ')).toEqual(user);
  });

  it('matches logins case-insensitively and refreshes the name when the sign-in brings one', async () => {
    const first = await w.users.upsertFromSignIn('MixedCase', 'Old Name');
    const again = await w.users.upsertFromSignIn('mixedcase', 'New Name');
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('New Name');
    expect((await w.users.byId(first.id))?.name).toBe('New Name');
  });

  // Issue 13: Elekto compares usernames exactly and shows the name; going back must find them as written.
  it('keeps the stored spelling and name when a sign-in without GitHub’s word (development) brings neither', async () => {
    const first = await w.users.upsertFromSignIn('Zoe-Z', 'Zoe Zed');
    const again = await w.users.upsertFromSignIn('zoe-z', null);
    expect(again).toMatchObject({ id: first.id, login: 'Zoe-Z', name: 'Zoe Zed' });
    expect(await w.users.byLogin('ZOE-Z')).toMatchObject({ id: first.id, login: 'Zoe-Z', name: 'Zoe Zed' });
  });

  it('writes the login as GitHub spells it (a case change on GitHub included)', async () => {
    const first = await w.users.upsertFromSignIn('CaseKept', 'Case Kept', 7_000_000_001);
    expect(await w.users.byLogin('casekept')).toMatchObject({ id: first.id, login: 'CaseKept' });
    const renamed = await w.users.upsertFromSignIn('CASEkept', null, 7_000_000_001);
    expect(renamed).toMatchObject({ id: first.id, login: 'CASEkept', name: 'Case Kept' });
    expect(await w.users.byLogin('casekept')).toMatchObject({ id: first.id, login: 'CASEkept' });
  });

  it('answers null for unknown users', async () => {
    expect(await w.users.byId(987_654)).toBeNull();
    expect(await w.users.byLogin('nobody-here')).toBeNull();
  });

  it('creates one user when first sign-ins race', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => w.users.upsertFromSignIn('racer', 'Racer')));
    expect(new Set(users.map((u) => u.id)).size).toBe(1);
  });

  it('gives every sign-in a new session token (a copy of an older cookie dies), and revoking replaces it too', async () => {
    const first = await w.users.upsertFromSignIn('sessions', null);
    expect(first.sessionToken).toMatch(/^s1\./);
    const again = await w.users.upsertFromSignIn('Sessions', null);
    expect(again.id).toBe(first.id);
    expect(again.sessionToken).toMatch(/^s1\./);
    expect(again.sessionToken).not.toBe(first.sessionToken);
    expect((await w.users.byId(first.id))?.sessionToken).toBe(again.sessionToken);
    await w.users.revokeSessions(first.id);
    const after = await w.users.byId(first.id);
    expect(after?.sessionToken).toMatch(/^s1\./);
    expect(after?.sessionToken).not.toBe(again.sessionToken);
  });

  describe('GitHub numeric ids (a login can be renamed or recycled; the id cannot)', () => {
    it('records the numeric id at sign-in and keeps it', async () => {
      const u = await w.users.upsertFromSignIn('ida', 'Ida', 5_000_000_001);
      expect(u.githubId).toBe(5_000_000_001);
      expect((await w.users.byId(u.id))?.githubId).toBe(5_000_000_001);
      expect((await w.users.upsertFromSignIn('IDA', 'Ida', 5_000_000_001)).id).toBe(u.id);
    });

    it('lets a row with no id yet (Elekto-era, or development sign-in) adopt the first id seen', async () => {
      const old = await w.users.upsertFromSignIn('elekto-era', 'Old');
      expect(old.githubId ?? null).toBeNull();
      const adopted = await w.users.upsertFromSignIn('elekto-era', 'Old', 101);
      expect(adopted).toMatchObject({ id: old.id, githubId: 101 });
      expect(adopted.displaced).toBeUndefined();
    });

    it('never hands a row to a different id: the newcomer is a new user, the old row keeps its id under a tombstone login', async () => {
      const holder = await w.users.upsertFromSignIn('recycled', 'First Holder', 201);
      const newcomer = await w.users.upsertFromSignIn('recycled', 'Second Holder', 202);
      expect(newcomer.id).not.toBe(holder.id);
      expect(newcomer).toMatchObject({ login: 'recycled', githubId: 202, name: 'Second Holder' });
      expect(newcomer.displaced).toEqual({ id: holder.id, githubId: 201 });
      expect((await w.users.byLogin('recycled'))?.id).toBe(newcomer.id);
      const old = await w.users.byId(holder.id);
      expect(old).toMatchObject({ githubId: 201, name: 'First Holder' });
      expect(old?.login).not.toBe('recycled');
      // The tombstone is no GitHub login, so no sign-in can ever reach that row by name.
      expect(old?.login).toMatch(/~/);
      expect(old?.sessionToken).not.toBe(holder.sessionToken);
    });

    it('follows a rename: the same id under a new login is the same user, with the same row', async () => {
      const before = await w.users.upsertFromSignIn('old-name', 'Renamer', 301);
      const after = await w.users.upsertFromSignIn('new-name', 'Renamer', 301);
      expect(after.id).toBe(before.id);
      expect(after.login).toBe('new-name');
      expect(await w.users.byLogin('old-name')).toBeNull();
    });

    it('gives the old account its row back when it signs in under its new login after its old one was recycled', async () => {
      const a = await w.users.upsertFromSignIn('swapped', 'A', 401);
      const b = await w.users.upsertFromSignIn('swapped', 'B', 402);
      const aBack = await w.users.upsertFromSignIn('swapped-a', 'A', 401);
      expect(aBack.id).toBe(a.id);
      expect(aBack.login).toBe('swapped-a');
      expect((await w.users.byLogin('swapped'))?.id).toBe(b.id);
    });

    it('moves a stale holder of the new login aside when a renamed account takes it', async () => {
      const stale = await w.users.upsertFromSignIn('taken-name', 'Stale', 501);
      const mover = await w.users.upsertFromSignIn('mover', 'Mover', 502);
      const moved = await w.users.upsertFromSignIn('taken-name', 'Mover', 502);
      expect(moved.id).toBe(mover.id);
      expect(moved.displaced).toEqual({ id: stale.id, githubId: 501 });
      expect((await w.users.byId(stale.id))?.login).toMatch(/~/);
    });

    it('creates one user when first GitHub sign-ins of one account race', async () => {
      const users = await Promise.all(Array.from({ length: 10 }, () => w.users.upsertFromSignIn('id-racer', 'Racer', 601)));
      expect(new Set(users.map((u) => u.id)).size).toBe(1);
    });
  });
});
