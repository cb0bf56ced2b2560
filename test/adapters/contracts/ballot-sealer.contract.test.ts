/**
 * The BallotSealer port, one suite for every implementation: the real sealer (with and without an
 * APP_KEY pepper, on cheap KDF parameters so it runs in milliseconds) and the fake the application
 * tests use, so that what those tests learn from the fake holds for the real thing.
 */
import type { SealedLink } from '../../../src/application/ports/ballot-box.js';
import type { BallotSealer } from '../../../src/application/ports/ballot-sealer.js';
import { KdfWorkerPool } from '../../../src/adapters/crypto/kdf-worker-pool.js';
import { SodiumBallotSealer } from '../../../src/adapters/crypto/sodium-ballot-sealer.js';
import { isDomainError } from '../../../src/domain/errors.js';
import { FakeBallotSealer } from '../../support/fake-ballot-sealer.js';

const CHEAP = { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 } as const;
const APP_KEY = 'contract-suite-app-key-0123456789abcdef';
const BALLOT = '0b7e9a34-5d1f-4c2e-9a8b-123456789abc';

const pool = new KdfWorkerPool({ size: 2 });
afterAll(() => pool.close());

interface Subject {
  readonly name: string;
  make(): BallotSealer;
}

const SUBJECTS: readonly Subject[] = [
  { name: 'SodiumBallotSealer', make: () => new SodiumBallotSealer({ pool, scheme: CHEAP }) },
  { name: 'SodiumBallotSealer peppered with an APP_KEY', make: () => new SodiumBallotSealer({ pool, scheme: CHEAP, serverSecret: APP_KEY }) },
  { name: 'FakeBallotSealer', make: () => new FakeBallotSealer() },
];

/** Either answer the port allows for a link no passphrase can open here: null, or a DomainError that says why. */
async function refusal(open: Promise<string | null>): Promise<'null' | 'domain error'> {
  try {
    const id = await open;
    if (id !== null) throw new Error(`opened a foreign link to ${id}`);
    return 'null';
  } catch (e) {
    if (isDomainError(e)) return 'domain error';
    throw e;
  }
}

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe.each(SUBJECTS)('BallotSealer contract: $name', ({ make }) => {
  let sealer: BallotSealer;
  beforeAll(() => {
    sealer = make();
  });

  it('opens what it sealed, with the same passphrase, and only with it', async () => {
    const link = await sealer.seal('correct horse battery staple', BALLOT);
    expect(await sealer.open('correct horse battery staple', link)).toBe(BALLOT);
    expect(await sealer.open('correct horse battery stapl', link)).toBeNull();
    expect(await sealer.open('Correct horse battery staple', link)).toBeNull();
    expect(await sealer.open('correct horse battery staple ', link)).toBeNull();
  });

  it('hides the ballot id, and seals it afresh every time', async () => {
    const [a, b] = await Promise.all([sealer.seal('same passphrase', BALLOT), sealer.seal('same passphrase', BALLOT)]);
    expect(text(a.sealed)).not.toContain(BALLOT);
    expect(Buffer.from(a.sealed).equals(Buffer.from(b.sealed))).toBe(false);
    expect(Buffer.from(a.salt).equals(Buffer.from(b.salt))).toBe(false);
    expect(await sealer.open('same passphrase', b)).toBe(BALLOT);
  });

  it('seals with an empty passphrase too (the application refuses weak ones; the port does not)', async () => {
    const link = await sealer.seal('', BALLOT);
    expect(await sealer.open('', link)).toBe(BALLOT);
    expect(await sealer.open(' ', link)).toBeNull();
  });

  it('takes any Unicode passphrase as its UTF-8 bytes, without normalising it (as Elekto does)', async () => {
    const composed = 'Grüße, 投票 🗳️'.normalize('NFC');
    const link = await sealer.seal(composed, BALLOT);
    expect(await sealer.open(composed, link)).toBe(BALLOT);
    // Elekto hashes passphrase.encode('utf-8'): the decomposed spelling is another passphrase.
    expect(await sealer.open(composed.normalize('NFD'), link)).toBeNull();
    expect(await sealer.open('Grüße, 投票', link)).toBeNull();
  });

  it('gives the same answers whoever the requester is (it only orders the work)', async () => {
    const link = await sealer.seal('requested passphrase', BALLOT, 'voter-1');
    expect(await sealer.open('requested passphrase', link)).toBe(BALLOT);
    expect(await sealer.open('requested passphrase', link, 'voter-2')).toBe(BALLOT);
    expect(await sealer.open('wrong passphrase', link, 'voter-1')).toBeNull();
  });

  it('keeps concurrent seals and opens of several requesters apart', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `ballot-${i}`);
    const links = await Promise.all(ids.map((id, i) => sealer.seal(`passphrase ${i}`, id, `voter-${i % 3}`)));
    const opened = await Promise.all(links.map((link, i) => sealer.open(`passphrase ${i}`, link, `voter-${i % 3}`)));
    expect(opened).toEqual(ids);
  });

  it('refuses a truncated or tampered link instead of throwing', async () => {
    const link = await sealer.seal('tamper test', BALLOT);
    const flipped = Uint8Array.from(link.sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(await sealer.open('tamper test', { ...link, sealed: flipped })).toBeNull();
    expect(await sealer.open('tamper test', { ...link, sealed: link.sealed.subarray(0, 10) })).toBeNull();
  });

  it('opens, or refuses with null or a DomainError, links the other implementations made: never crashes', async () => {
    for (const other of SUBJECTS) {
      const link = await other.make().seal('shared passphrase', BALLOT);
      const answer = await sealer.open('shared passphrase', link).catch((e: unknown) => {
        if (isDomainError(e)) return 'refused';
        throw e;
      });
      expect([BALLOT, null, 'refused']).toContain(answer);
    }
  });

  it('refuses a link of a scheme it does not know with null or a DomainError', async () => {
    const unknown: SealedLink = { salt: new Uint8Array(16), sealed: new Uint8Array(76), scheme: 'some-future-scheme;v=9' };
    expect(['null', 'domain error']).toContain(await refusal(sealer.open('shared passphrase', unknown)));
  });
});

describe('SodiumBallotSealer links under another APP_KEY', () => {
  it('are refused with NO_RECOVERABLE_LINK, which says no passphrase can help', async () => {
    const before = new SodiumBallotSealer({ pool, scheme: CHEAP, serverSecret: APP_KEY });
    const after = new SodiumBallotSealer({ pool, scheme: CHEAP, serverSecret: `${APP_KEY}-rotated` });
    const link = await before.seal('my passphrase', BALLOT);
    await expect(after.open('my passphrase', link)).rejects.toMatchObject({ code: 'NO_RECOVERABLE_LINK' });
    await expect(new SodiumBallotSealer({ pool, scheme: CHEAP }).open('my passphrase', link)).rejects.toMatchObject({ code: 'NO_RECOVERABLE_LINK' });
  });
});
