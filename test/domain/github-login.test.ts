import { isPlausibleLogin, normaliseLogin, sameLogin } from '../../src/domain/identity/github-login.js';

describe('GitHub logins', () => {
  it.each([
    ['Jberkus', 'jberkus'],
    ['  @MrBobbyTables ', 'mrbobbytables'],
    ['@@dims', 'dims'],
    ['kalkayan', 'kalkayan'],
  ])('normalises %p to %p', (raw, expected) => {
    expect(normaliseLogin(raw)).toBe(expected);
  });

  it('compares case-insensitively, ignoring a leading @ and padding (Elekto #84)', () => {
    expect(sameLogin('LachieEvenson', ' @lachieevenson')).toBe(true);
    expect(sameLogin('dims', 'dim5')).toBe(false);
  });

  it('knows what GitHub accepts as a login', () => {
    expect(isPlausibleLogin('a-b-c')).toBe(true);
    expect(isPlausibleLogin('12345')).toBe(true);
    expect(isPlausibleLogin('-abc')).toBe(false);
    expect(isPlausibleLogin('a--b')).toBe(false);
    expect(isPlausibleLogin('John Smith')).toBe(false);
    expect(isPlausibleLogin('john@example.com')).toBe(false);
  });
});
