import { DomainError } from '../../src/domain/errors.js';
import { NO_OPINION_RANK, entriesFromRanking, expressesNoPreference, rankingFromEntries } from '../../src/domain/ballot/ranking.js';

const candidates = ['alice', 'bob', 'carol', 'dave'];

describe('ballot rankings', () => {
  it('groups equal ranks into tiers, best first, and leaves unranked candidates out', () => {
    const ranking = rankingFromEntries(
      [
        { candidate: 'carol', rank: 2 },
        { candidate: 'alice', rank: 1 },
        { candidate: 'bob', rank: 2 },
        { candidate: 'dave', rank: NO_OPINION_RANK },
      ],
      candidates,
    );
    expect(ranking).toEqual([['alice'], ['carol', 'bob']]);
  });

  it('accepts gaps in the rank numbers', () => {
    expect(
      rankingFromEntries(
        [
          { candidate: 'bob', rank: 7 },
          { candidate: 'alice', rank: 3 },
        ],
        candidates,
      ),
    ).toEqual([['alice'], ['bob']]);
  });

  it.each([
    [[{ candidate: 'mallory', rank: 1 }], /not a candidate/],
    [
      [
        { candidate: 'alice', rank: 1 },
        { candidate: 'alice', rank: 2 },
      ],
      /more than once/,
    ],
    [[{ candidate: 'alice', rank: 0 }], /whole number/],
    [[{ candidate: 'alice', rank: 1.5 }], /whole number/],
    [[{ candidate: 'alice', rank: -3 }], /whole number/],
    [[{ candidate: 'alice', rank: Number.NaN }], /whole number/],
    [[], /at least one/],
    [[{ candidate: 'alice', rank: NO_OPINION_RANK }], /at least one/],
  ])('refuses %j', (entries, message) => {
    expect(() => rankingFromEntries(entries, candidates)).toThrow(message);
    try {
      rankingFromEntries(entries, candidates);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('INVALID_BALLOT');
    }
  });

  it('turns tiers back into one entry per candidate', () => {
    expect(entriesFromRanking([['bob'], ['alice', 'dave']], candidates)).toEqual([
      { candidate: 'alice', rank: 2 },
      { candidate: 'bob', rank: 1 },
      { candidate: 'carol', rank: NO_OPINION_RANK },
      { candidate: 'dave', rank: 2 },
    ]);
  });

  it('recognises a ballot that expresses no preference (Elekto #95)', () => {
    expect(expressesNoPreference([])).toBe(true);
    expect(expressesNoPreference([{ candidate: 'alice', rank: NO_OPINION_RANK }])).toBe(true);
    expect(
      expressesNoPreference([
        { candidate: 'alice', rank: 4 },
        { candidate: 'bob', rank: 4 },
      ]),
    ).toBe(true);
    expect(
      expressesNoPreference([
        { candidate: 'alice', rank: 1 },
        { candidate: 'bob', rank: 2 },
      ]),
    ).toBe(false);
  });
});
