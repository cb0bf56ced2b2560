import { decodeReturnTo, encodeReturnTo, safeLocalPath } from '../../src/adapters/http/redirect-target.js';

const ORIGIN = 'http://127.0.0.1:3000';

describe('safeLocalPath on its own (not only behind the second check at sign-in)', () => {
  it.each([
    '//evil.com',
    '/\\evil.com',
    'https://evil.com',
    `${ORIGIN}//evil.com`,
    '/.//evil.com',
    '/..//evil.com',
    '/app/../..//evil.com',
    '/a/b/../.././/evil.com',
    'javascript:alert(1)',
    '/\t/evil.com',
  ])('refuses %j', (target) => {
    expect(safeLocalPath(target, ORIGIN)).toBeNull();
    expect(decodeReturnTo(encodeReturnTo(target), ORIGIN)).toBeNull();
  });

  it.each([
    ['/app/elections/2021---GB', '/app/elections/2021---GB'],
    [`${ORIGIN}/app?x=1#y`, '/app?x=1#y'],
    ['/%2F%2Fevil.com', '/%2F%2Fevil.com'],
  ])('keeps the local path of %j', (target, path) => {
    expect(safeLocalPath(target, ORIGIN)).toBe(path);
  });
});
