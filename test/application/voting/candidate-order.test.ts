import { candidateOrderKey, orderCandidatesForVoter } from '../../../src/application/voting/candidate-order.js';
import { sipHash24 } from '../../../src/application/voting/siphash.js';

const seq = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

describe('SipHash-2-4', () => {
  // Reference vectors from the SipHash paper / reference implementation (key 00..0f, message 00..n-1).
  it.each([
    [0, 0x726fdb47dd0e0e31n],
    [1, 0x74f839c593dc67fdn],
    [7, 0xab0200f58b01d137n],
    [8, 0x93f5f5799a932462n],
    [15, 0xa129ca6149be45e5n],
    [63, 0x958a324ceb064572n],
  ])('matches the reference output for a %i-byte message', (n, expected) => {
    expect(sipHash24(seq(16), seq(n))).toBe(expected);
  });

  it('rejects a key that is not 16 bytes', () => {
    expect(() => sipHash24(seq(15), seq(1))).toThrow(RangeError);
  });
});

describe('per-voter candidate order (Elekto #3)', () => {
  const candidates = ['dims', 'paris', 'aaron', 'jberkus', 'lachie83', 'e6n', 'ribemont'].map((id) => ({ id }));
  const key = candidateOrderKey('app secret');
  const order = (login: string, election = '2021---GB', k = key) => orderCandidatesForVoter(k, login, election, candidates).map((c) => c.id);

  it('is the same every time for one voter, whatever the case of the login', () => {
    expect(order('alice')).toEqual(order('alice'));
    expect(order('Alice')).toEqual(order('alice'));
  });

  it('is a permutation of the candidates', () => {
    expect([...order('alice')].sort()).toEqual(candidates.map((c) => c.id).sort());
  });

  it('differs between voters, elections and secrets', () => {
    const voters = Array.from({ length: 30 }, (_, i) => order(`voter${i}`).join());
    expect(new Set(voters).size).toBeGreaterThan(20);
    expect(order('alice', '2021---TOC')).not.toEqual(order('alice'));
    expect(order('alice', '2021---GB', candidateOrderKey('another secret'))).not.toEqual(order('alice'));
  });

  it('spreads first places roughly evenly over many voters', () => {
    const first = new Map<string, number>();
    for (let i = 0; i < 7000; i++) {
      const top = order(`voter${i}`)[0]!;
      first.set(top, (first.get(top) ?? 0) + 1);
    }
    for (const c of candidates) expect(first.get(c.id)).toBeGreaterThan(800); // ~1000 expected each
  });
});
