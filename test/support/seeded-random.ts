/**
 * Replayable randomness for fault and race tests. Each run draws a seed (or takes FAULT_SEED) and
 * puts it in the test's name, so a failure reads "… (seed 1234567; replay with FAULT_SEED=1234567)"
 * and the same kill points and pauses can be run again. Timing still varies with the machine's
 * load; what the seed fixes is every choice the test makes.
 */

/** FAULT_SEED when set (a whole number), otherwise a fresh random seed. */
export function faultSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.FAULT_SEED?.trim();
  if (given) {
    if (!/^\d{1,10}$/.test(given)) throw new Error(`FAULT_SEED must be a whole number, got "${given}"`);
    return Number(given) >>> 0;
  }
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}

/** How a test names its seed, so a failure report carries the way to replay it. */
export const replayHint = (seed: number): string => `seed ${seed}; replay with FAULT_SEED=${seed}`;

/** mulberry32: a small, fast generator with a 32-bit state; floats in [0, 1) like Math.random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A seed for a part of the run (a trial, a child process), derived so that parts differ but replay. */
export const subSeed = (seed: number, part: number): number => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + part) >>> 0;
