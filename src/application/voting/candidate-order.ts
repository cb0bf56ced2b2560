import { normaliseLogin } from '../../domain/identity/github-login.js';
import { sipHash24 } from './siphash.js';

const utf8 = new TextEncoder();

/** Turns any secret (e.g. APP_KEY) into a 16-byte SipHash key. */
export function candidateOrderKey(secret: string): Uint8Array {
  const bytes = utf8.encode(`elekto candidate order\u0000${secret}`);
  const zero = new Uint8Array(16);
  const one = new Uint8Array(16);
  one[0] = 1;
  const key = new Uint8Array(16);
  const view = new DataView(key.buffer);
  view.setBigUint64(0, sipHash24(zero, bytes), true);
  view.setBigUint64(8, sipHash24(one, bytes), true);
  return key;
}

/**
 * Candidates in an order that is random-looking per voter but the same every time that voter looks
 * (Elekto reshuffled on every page view, #3): sorted by a keyed hash of (voter, election, candidate).
 * Keyed with a server secret so nobody can precompute which voters see whom first. Not a security
 * boundary; it only spreads ballot-position bias evenly.
 */
export function orderCandidatesForVoter<T extends { readonly id: string }>(
  key: Uint8Array,
  voterLogin: string,
  electionKey: string,
  candidates: readonly T[],
): T[] {
  const prefix = `${normaliseLogin(voterLogin)}\u0000${electionKey}\u0000`;
  const weighted = candidates.map((c) => ({ c, w: sipHash24(key, utf8.encode(prefix + c.id)) }));
  weighted.sort((a, b) => (a.w < b.w ? -1 : a.w > b.w ? 1 : a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0));
  return weighted.map((x) => x.c);
}
