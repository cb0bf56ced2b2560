import { CurrentUser } from '../../../src/application/identity/current-user.js';
import { SignIn } from '../../../src/application/identity/sign-in.js';
import { InMemoryUsers } from '../../../src/adapters/persistence/in-memory/in-memory-users.js';

describe('SignIn', () => {
  it('creates the user on first sign-in and finds them again whatever the case, refreshing the name', async () => {
    const users = new InMemoryUsers();
    const signIn = new SignIn(users);
    const first = await signIn.execute({ login: 'CarsonWeeks', name: 'Carson Weeks' });
    const again = await signIn.execute({ login: 'carsonweeks', name: '  Carson W.  ' });
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('Carson W.');
    expect(await users.byLogin('CARSONWEEKS')).toMatchObject({ id: first.id, name: 'Carson W.' });
  });

  it('stores a blank display name as null and strips a stray @', async () => {
    const signIn = new SignIn(new InMemoryUsers());
    expect(await signIn.execute({ login: '@octocat', name: '   ' })).toMatchObject({ login: 'octocat', name: null });
    expect(await signIn.execute({ login: 'octocat', name: null })).toMatchObject({ name: null });
  });

  it("passes GitHub's numeric id on, and refuses one that is not a positive whole number", async () => {
    const users = new InMemoryUsers();
    const signIn = new SignIn(users);
    expect(await signIn.execute({ login: 'octocat', name: null, githubId: 583231 })).toMatchObject({ githubId: 583231 });
    const other = await signIn.execute({ login: 'octocat', name: null, githubId: 42 });
    expect(other.displaced).toMatchObject({ githubId: 583231 });
    for (const githubId of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      await expect(signIn.execute({ login: 'octocat', name: null, githubId })).rejects.toMatchObject({ code: 'INVALID_LOGIN' });
    }
  });

  it.each(['', '   ', 'not a login', '-leading', 'a'.repeat(40), 'semi;colon'])('refuses %j, which is not a GitHub login', async (login) => {
    await expect(new SignIn(new InMemoryUsers()).execute({ login, name: null })).rejects.toMatchObject({ code: 'INVALID_LOGIN' });
  });
});

describe('CurrentUser', () => {
  it('finds the user a session points at, or says the account is gone', async () => {
    const users = new InMemoryUsers();
    const u = await users.upsertFromSignIn('alice', null);
    const current = new CurrentUser(users);
    await expect(current.execute(u.id)).resolves.toEqual(u);
    await expect(current.execute(999)).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(current.execute(Number.NaN)).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
  });
});
