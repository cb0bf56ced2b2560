/**
 * The sealed pending ballot must not tell how the voter ranked by its length (issue 11: 296 bytes
 * for a short ranking, 552 for a long one were seen). Every payload of an election is one length,
 * and rows sealed before that change (padded to 256-byte blocks) still open.
 */
import { PendingBallotCipher } from '../../../src/adapters/persistence/typeorm/pending-ballot-cipher.js';
import { NO_OPINION_RANK } from '../../../src/domain/ballot/ranking.js';
import { rankingShapes } from '../../support/ranking-shapes.js';

const NO = NO_OPINION_RANK;
const BALLOT_ID = '3f2a9c1e-7b4d-4e8a-9c0f-1d2e3f4a5b6c';

/** Sealed by the code before issue 11 under APP_KEY "pre-issue-11-app-key" (election 7). */
const LEGACY = [
  {
    sealed:
      'QGiQSkv7b3QrKG9Nw+vxKQCl1SzPY+76UVWbT2SZVqxld3X/T4nGgHL1Cr//vnFWqs6OoQuVIqPQ5TdzBQXvMp87cyxKPDQjDdU4cXxdKhcpvgDifO4mFCwuwPvXF7A4eK7WPgyhBqAvfLdI7I18Sch7lIfOr/4009Vtkv8m/TRpu3bmJfLdi4meQp2eS6+oI+J1eFZEXRk2WPhUj66Lzcw5EzokIYuEUK2VQvWkf29uvsRQogAAjZTvj2gYoK3JGmBVjzjrwq69G1pjAcRhsZn6706Z+RQu471iqYf7P7Ovafq538Vujhk3ezXW7ElSfIM436ZUJXfgrTfkOPlGZWacxIRNuhMItcIc5ynn1cMgnAGVnPXzXDw8Dn3V0xKSmpJgy7HbGko=',
    ballotId: '0b7e6f2e-4a63-4c1b-9f6e-2f1a3c5d7e90',
    entries: [
      { candidate: 'dims', rank: 271828 },
      { candidate: 'paris', rank: 1 },
      { candidate: 'aaron', rank: NO },
    ],
  },
  {
    sealed:
      '4sLliSKITCfrzKjiZHp7n0QXY3mR4m6Owgmqd/H64zFchlsfW00/TY6P6iIOSjfES4sUAa7VRKJAdl9Bt4Nt8jgteTUYYNFlzXkFbQrUXQaK5z6fU0dAYWN1XWcGOG1D2HIkf1bC+Bk0+7uh0OWIJ7csFIDBJoE0wc98g83MfQBJE/XSXcZMdfJtn7IrtwvahdDVrp/w/cSOmhQaSPn+gvsJZBKZsjTW8057yb1syxcbyI0UodOR8hto+gvAnVFF6KpejY6ndiCNNCxzcBndpJaeMAy1h8wcBup1mhIJxh8LNpR6SfIVHKsJ76pS5TIUg9QxWg0vXoOMvdNAVWWVoCNB/lSZUlz4RCzthhNFYuqhgQJ+nZOG2R/wB6RXmAQWI81WtcVn4vtbRAaVJfH/b6kc5YGl8JoqyPvXTVqJ+fXgbehXNrFrRW42I13ERpPZldwWVfuxqulwiSIH0O2MJGF3s/07Pr8Vh9SGwiCuBu83F1gV56mSRJcUlThqfypONfDy9Zb28RhjffuUdhjNFaXcTzwyPQQXJwevOfZbh9tlW8ABv4qXt/gcHrXrjXgsbIL8x79h4jbGelCNgbJq9MhcaoRWVx87Qe9tCirSPKkrIqYbgEZvNceWkw+U+eUzm5wCI8k4UNaqysU520HUxAQaiHMTEkbSSA5uOPhWKC8Tho1+69e2OQ73JqnMV5pdSbt8Am1pvp/FBJqO6E34MupR8trLweLm',
    ballotId: '5d0c1a9e-2b7f-4e3a-8c61-9a4f0e2d1b38',
    entries: Array.from({ length: 12 }, (_, i) => ({ candidate: `candidate-number-${i}`, rank: i === 0 ? NO : 271828 + i })),
  },
];

const rankings = rankingShapes;

const CANDIDATE_SETS: Record<string, string[]> = {
  'two short ids': ['a', 'b'],
  'five ids': ['ada', 'bo', 'cy', 'di', 'ed'],
  'twelve ids': Array.from({ length: 12 }, (_, i) => `candidate-${i}`),
  'very long ids': Array.from({ length: 7 }, (_, i) => `${'x'.repeat(180)}-${i}`),
  'non-ASCII ids': ['zoë', 'ñandú', '李雷', 'ødegaard', 'émile', 'ﬁnn'],
  'forty ids': Array.from({ length: 40 }, (_, i) => `c${i}`),
  ...Object.fromEntries([3, 8, 16, 24, 32].map((n) => [`${n} ids`, Array.from({ length: n }, (_, i) => `candidate-${i}`)])),
};

describe('PendingBallotCipher', () => {
  let cipher: PendingBallotCipher;
  beforeAll(async () => {
    cipher = await PendingBallotCipher.fromSecret('a-test-app-key');
  });

  it.each(Object.entries(CANDIDATE_SETS))('seals every ballot of an election to one length, whatever its ranks (%s)', (_name, ids) => {
    const lengths = rankings(ids).map((entries) => cipher.seal({ electionId: 42, ballotId: BALLOT_ID, entries }).length);
    expect(new Set(lengths)).toEqual(new Set([lengths[0]]));
  });

  it('opens what it sealed, ranks and all', () => {
    for (const entries of rankings(CANDIDATE_SETS['non-ASCII ids']!)) {
      const sealed = cipher.seal({ electionId: 42, ballotId: BALLOT_ID, entries });
      expect(cipher.open(sealed, 42)).toEqual({ electionId: 42, ballotId: BALLOT_ID, entries, tracker: null });
      expect(cipher.open(sealed, 43)).toBeNull();
    }
  });

  it('seals a ballot tracker with its ballot, every tracked ballot of an election to one length', () => {
    const ids = CANDIDATE_SETS['forty ids']!;
    const tracker = '7K2M-Q9XD-4HJT-B0WE';
    const sealed = rankings(ids).map((entries) => cipher.seal({ electionId: 42, ballotId: BALLOT_ID, entries, tracker }));
    expect(new Set(sealed.map((s) => s.length)).size).toBe(1);
    expect(cipher.open(sealed[0]!, 42)?.tracker).toBe(tracker);
    expect(Buffer.from(sealed[0]!).toString('latin1')).not.toContain(tracker);
  });

  it('still opens rows sealed before payloads had one length per election', async () => {
    const old = await PendingBallotCipher.fromSecret('pre-issue-11-app-key');
    for (const { sealed, ballotId, entries } of LEGACY) {
      expect(old.open(Buffer.from(sealed, 'base64'), 7)).toEqual({ electionId: 7, ballotId, entries, tracker: null });
    }
    expect(cipher.open(Buffer.from(LEGACY[0]!.sealed, 'base64'), 7)).toBeNull();
  });
});
