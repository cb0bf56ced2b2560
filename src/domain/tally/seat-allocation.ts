import type { PassedOver, SeatCapRule } from './types.js';

export interface SeatAllocation {
  readonly winners: string[];
  readonly tieAtCutoff: boolean;
  readonly tiedAtCutoff: string[];
  readonly passedOver: PassedOver[];
}

/**
 * Fills `seats` down the ranking tiers. A candidate whose cap group (e.g. employer) already holds
 * `limit` winners is passed over and the next one down takes the seat. When a tier cannot be
 * seated whole — it has more candidates than seats left, or seating all of it would break the cap
 * — the winners are only the candidates above that tier, and the tier is reported as tied at the
 * cut: choosing among its members is for the officers (nothing is decided silently).
 */
export function allocateSeats(tiers: ReadonlyArray<readonly string[]>, seats: number, cap?: SeatCapRule): SeatAllocation {
  const winners: string[] = [];
  const passedOver: PassedOver[] = [];
  const held = new Map<string, string[]>();
  const groupOf = (c: string): string | undefined => (cap ? cap.valueOf[c] : undefined);

  for (const tier of tiers) {
    const left = seats - winners.length;
    if (left <= 0) break;
    const eligible: string[] = [];
    for (const c of tier) {
      const g = groupOf(c);
      const holders = g === undefined ? undefined : held.get(g);
      if (cap && g !== undefined && holders && holders.length >= cap.limit) {
        passedOver.push({
          candidate: c,
          reason: `${cap.field} "${g}" already has ${holders.length} winner${holders.length === 1 ? '' : 's'} (${holders.join(', ')}); the cap is ${cap.limit}.`,
        });
      } else {
        eligible.push(c);
      }
    }
    if (eligible.length === 0) continue;
    if (eligible.length > left || breaksCap(eligible, held, groupOf, cap)) {
      return { winners, tieAtCutoff: true, tiedAtCutoff: eligible, passedOver };
    }
    for (const c of eligible) {
      winners.push(c);
      const g = groupOf(c);
      if (g !== undefined) held.set(g, [...(held.get(g) ?? []), c]);
    }
  }
  return { winners, tieAtCutoff: false, tiedAtCutoff: [], passedOver };
}

function breaksCap(tier: readonly string[], held: ReadonlyMap<string, string[]>, groupOf: (c: string) => string | undefined, cap?: SeatCapRule): boolean {
  if (!cap) return false;
  const adding = new Map<string, number>();
  for (const c of tier) {
    const g = groupOf(c);
    if (g === undefined) continue;
    const count = (adding.get(g) ?? 0) + 1;
    adding.set(g, count);
    if ((held.get(g)?.length ?? 0) + count > cap.limit) return true;
  }
  return false;
}
