import { splitFrontMatter } from '../../../src/adapters/meta/front-matter.js';

const D61 = '-'.repeat(61);

describe('candidate front matter', () => {
  it('splits the canonical 61-dash form', () => {
    const r = splitFrontMatter(`${D61}\nname: A\nID: a\n${D61}\n\nBio`);
    expect(r).toEqual({ ok: true, yaml: 'name: A\nID: a', yamlLineOffset: 1, body: '\nBio' });
  });
  it('accepts any delimiter of three or more dashes, with blank lines before it', () => {
    const r = splitFrontMatter('\n\n---\nID: a\n----------------------------------------------   \nBio');
    expect(r).toMatchObject({ ok: true, yaml: 'ID: a', yamlLineOffset: 3, body: 'Bio' });
  });
  it('ends the front matter at the FIRST closing delimiter; rules and flags stay in the body', () => {
    const r = splitFrontMatter(`---\nID: a\n---\nText\n\n---\n\nkubectl --namespace x --n a---b\n---\n`);
    expect(r).toMatchObject({ ok: true, yaml: 'ID: a', body: 'Text\n\n---\n\nkubectl --namespace x --n a---b\n---\n' });
  });
  it('takes a header-only file', () => {
    expect(splitFrontMatter(`${D61}\nID: a\n${D61}`)).toMatchObject({ ok: true, body: '' });
  });
  it.each([
    ['', 'is empty'],
    ['name: A\nID: a\n---\nBio', 'does not start with a front-matter delimiter'],
    ['--- name: A ID: a ---\nBio', 'same line'],
    ['---\nname: A\nID: a\nBio', 'no closing'],
    ['\u2014\u2014\u2014\nID: a\n\u2014\u2014\u2014\n', 'does not start'],
  ])('reports a malformed file %#', (text, message) => {
    const r = splitFrontMatter(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});
