/**
 * docs/verify.md stays true: its worked example verifies, its canonical text and hashes are what the
 * code computes, and its Python verifier's canonical form (sorted keys, compact separators) agrees
 * with RFC 8785 on the example.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import canonicalize from 'canonicalize';
import { JcsSha256BulletinHasher } from '../../src/adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { verifyBulletin } from '../../src/application/results/verify-bulletin.js';
import type { Bulletin } from '../../src/domain/bulletin/bulletin.js';

const text = readFileSync(resolve('docs/verify.md'), 'utf8');
const example = text.slice(text.indexOf('## Worked example'));
const block = (lang: string): string => new RegExp(`\`\`\`${lang}\\n(.*?)\\n\`\`\``, 's').exec(example)![1]!;
const hasher = new JcsSha256BulletinHasher();

describe('docs/verify.md worked example', () => {
  const bulletin = JSON.parse(block('json')) as Bulletin;

  it('verifies, and recounts to grace', () => {
    const v = verifyBulletin(bulletin, hasher, { publishedDigest: '87d6002ca8175cb44a6d960d5ac859834dbbdc266c941593d7a1cfe8452f984b' });
    expect(v.problems).toEqual([]);
    expect(v.winners).toEqual(['grace']);
  });

  it('shows the canonical body and the ballot hashes the code computes', () => {
    const { digest: _digest, ...body } = bulletin;
    expect(block('text')).toBe(canonicalize(body));
    expect(example).toContain(`whose SHA-256 is the digest\n\`${hasher.digest(body)}\``);
    for (const b of bulletin.ballots) expect(example).toContain(`| \`${canonicalize(b)}\` | \`${hasher.ballotHash(b)}\` |`);
  });

  it("the Python verifier's canonical form is RFC 8785 here", () => {
    const sortedCompact = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(sortedCompact).join(',')}]`
        : v !== null && typeof v === 'object'
          ? `{${Object.keys(v)
              .sort()
              .map((k) => `${JSON.stringify(k)}:${sortedCompact((v as Record<string, unknown>)[k])}`)
              .join(',')}}`
          : JSON.stringify(v);
    expect(sortedCompact(bulletin)).toBe(canonicalize(bulletin));
  });
});
