import type { StvDraw } from './stv-types.js';

/**
 * Ties the rules break by lot, drawn from the election's seed so anyone can repeat the count and
 * get the same draw. The domain may not use node:crypto, so the generator is written here: the
 * seed is hashed (cyrb128, a public-domain 128-bit string hash) into the state of sfc32, a small
 * well-tested PRNG. This is reproducibility, not secrecy: the seed is published with the result.
 * Candidates are sorted by name before each draw, so the outcome does not depend on input order.
 */
export class SeededDraw {
  private readonly next: () => number;
  readonly draws: StvDraw[] = [];

  constructor(seed: string) {
    this.next = sfc32(...cyrb128(`elekto-stv:${seed}`));
  }

  /** Chooses one of `among` by lot and records it. */
  pick(among: readonly string[], round: number, purpose: StvDraw['purpose']): string {
    const sorted = [...among].sort();
    if (sorted.length === 1) return sorted[0]!;
    const chosen = sorted[Math.floor(this.next() * sorted.length)]!;
    this.draws.push({ round, among: sorted, chosen, purpose });
    return chosen;
  }
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
