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

  it('matches logins case-insensitively and refreshes the name', async () => {
    const first = await w.users.upsertFromSignIn('MixedCase', 'Old Name');
    const again = await w.users.upsertFromSignIn('mixedcase', null);
    expect(again.id).toBe(first.id);
    expect(again.name).toBeNull();
    expect((await w.users.byId(first.id))?.name).toBeNull();
  });

  it('answers null for unknown users', async () => {
    expect(await w.users.byId(987_654)).toBeNull();
    expect(await w.users.byLogin('nobody-here')).toBeNull();
  });

  it('creates one user when first sign-ins race', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => w.users.upsertFromSignIn('racer', 'Racer')));
    expect(new Set(users.map((u) => u.id)).size).toBe(1);
  });

  it('keeps one session token across sign-ins and replaces it when sessions are revoked', async () => {
    const first = await w.users.upsertFromSignIn('sessions', null);
    expect(first.sessionToken).toMatch(/^s1\./);
    const again = await w.users.upsertFromSignIn('Sessions', null);
    expect(again.sessionToken).toBe(first.sessionToken);
    await w.users.revokeSessions(first.id);
    const after = await w.users.byId(first.id);
    expect(after?.sessionToken).toMatch(/^s1\./);
    expect(after?.sessionToken).not.toBe(first.sessionToken);
    expect((await w.users.upsertFromSignIn('sessions', null)).sessionToken).toBe(after?.sessionToken);
  });
});
