/** The benchmarks' seeded ballot shapes, so each bench's cached CSV in bench/out stays the same. */

/** mulberry32: small, fast and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fills `order` with a skewed shuffle of 0..n-1 (some candidates preferred: realistic matrices, few
 * exact ties) and returns how many of them this voter ranks: everyone for 70 %, fewer for the rest.
 */
export function skewedBallot(order: Int32Array, rand: () => number): number {
  const n = order.length;
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.pow(rand(), 1.3) * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return rand() < 0.7 ? n : 1 + Math.floor(rand() * n);
}
