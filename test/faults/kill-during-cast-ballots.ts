import { createHash } from 'node:crypto';
import type { CastBallot } from '../../src/application/ports/ballot-box.js';

export const FAULT_CANDIDATES = ['ann', 'ben', 'cat', 'dan'];

/**
 * The ballot a user casts in the fault test, derived from (election, user) alone, so the parent can
 * check every stored ballot row by row. The "sealed link" is the ballot id in clear: here the test
 * needs to join mark and ballot, which is exactly what a real link prevents.
 */
export function expectedBallot(electionKey: string, userId: number): CastBallot {
  const h = createHash('sha256').update(`${electionKey}/${userId}`).digest('hex');
  const ballotId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  const order = [...FAULT_CANDIDATES].sort((a, b) =>
    createHash('sha256')
      .update(h + a)
      .digest('hex')
      .localeCompare(
        createHash('sha256')
          .update(h + b)
          .digest('hex'),
      ),
  );
  return {
    electionKey,
    userId,
    ballotId,
    entries: order.map((candidate, i) => ({ candidate, rank: i + 1 })),
    link: { salt: new Uint8Array(16), sealed: new TextEncoder().encode(ballotId), scheme: 'fault-test-plain' },
  };
}
