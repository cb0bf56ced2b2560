/**
 * Scottish STV: the count of the Scottish Local Government Elections Order 2007 (SSI 2007/42),
 * Schedule 1, rules 45–52 — Weighted Inclusive Gregory transfers truncated to five decimal places,
 * the largest surplus first, exclusion of the lowest only when no surplus is left, ties broken by
 * the most recent preceding stage at which the tied candidates differed and then by lot (a seeded,
 * recorded draw), and the last vacancies filled when no more continuing candidates remain than
 * vacancies. One round of the result is one stage of the count. See docs/tally.md.
 */
import { formatValue, transferValue, whole, ONE, ZERO, type Value } from './scottish-arithmetic.js';
import { drawByLot } from './scottish-draw.js';
import { checkStvInput } from './scottish-input.js';
import { extreme, lookBack, type Pick } from './scottish-ties.js';
import type { StvCandidateState, StvDraw, StvInput, StvResult, StvRound } from './stv-types.js';

/** A bundle of identical ballot papers: the same ranking, held at the same value. */
interface Parcel {
  readonly preferences: readonly number[];
  /** Index in `preferences` of the candidate holding the parcel. */
  readonly at: number;
  readonly count: bigint;
  readonly value: Value;
}

export function scottishStv(input: StvInput): StvResult {
  checkStvInput(input);
  return new ScottishCount(input).run();
}

class ScottishCount {
  private readonly names: readonly string[];
  private readonly state: StvCandidateState[];
  private readonly votes: Value[];
  private readonly parcels: Parcel[][];
  /** Votes of every candidate at the end of each stage (index 0 = stage 1), for rules 49(2) and 51(2). */
  private readonly history: Value[][] = [];
  private readonly winners: number[] = [];
  private readonly pendingSurplus: number[] = [];
  private readonly pendingPassedOver: number[] = [];
  private readonly draws: StvDraw[] = [];
  private readonly rounds: StvRound[] = [];
  private readonly heldByGroup = new Map<string, number>();
  private readonly quota: Value;
  private readonly validPapers: bigint;
  private exhausted: Value = ZERO;
  private stage = 1;

  constructor(private readonly input: StvInput) {
    this.names = input.candidates;
    const n = this.names.length;
    this.state = Array.from({ length: n }, () => 'hopeful');
    this.votes = Array.from({ length: n }, () => ZERO);
    this.parcels = Array.from({ length: n }, () => []);
    let valid = 0n;
    for (const ballot of input.ballots) {
      const first = ballot.preferences[0];
      // A paper with no first preference is not a valid paper (rule 45 sorts by first preferences).
      if (first === undefined) continue;
      const count = BigInt(ballot.weight);
      valid += count;
      this.parcels[first]!.push({ preferences: ballot.preferences, at: 0, count, value: ONE });
      this.votes[first]! += count * ONE;
    }
    this.validPapers = valid;
    // Rule 46: valid papers ÷ (seats + 1), decimals ignored, plus one.
    this.quota = whole(valid / BigInt(input.seats + 1) + 1n);
  }

  run(): StvResult {
    let transferred: string | null = null;
    let excluded: string[] = [];
    let summary = `First preferences counted: ${this.validPapers} valid ballot papers; the quota is ${formatValue(this.quota)} (rule 46).`;
    for (;;) {
      this.history.push([...this.votes]);
      const elected = this.electReachingQuota();
      const lastVacancies = this.fillLastVacancies();
      const sentences = [summary, ...elected.sentences, ...lastVacancies.sentences];
      this.record(transferred, [...elected.elected, ...lastVacancies.elected], excluded, sentences.join(' '));
      if (this.winners.length >= this.input.seats || lastVacancies.done) break;
      this.stage++;
      ({ transferred, excluded, summary } = this.nextTransfer());
    }
    return {
      method: 'stv-scottish',
      seats: this.input.seats,
      winners: this.winners.map((c) => this.names[c]!),
      rounds: this.rounds,
      draws: this.draws,
      seed: this.input.seed,
    };
  }

  /** Rule 47: every continuing candidate at or above the quota is elected, highest first. */
  private electReachingQuota(): { elected: string[]; sentences: string[] } {
    const reaching = this.continuing().filter((c) => this.votes[c]! >= this.quota);
    const elected: string[] = [];
    const sentences: string[] = [];
    for (const c of this.inOrder(reaching)) {
      if (this.winners.length >= this.input.seats) break;
      const capped = this.capReason(c);
      if (capped) {
        this.state[c] = 'passed-over';
        this.pendingPassedOver.push(c);
        sentences.push(`${this.names[c]} reached the quota but is passed over: ${capped}`);
        continue;
      }
      this.elect(c);
      elected.push(this.names[c]!);
      if (this.votes[c]! > this.quota) this.pendingSurplus.push(c);
      sentences.push(`${this.names[c]} is elected with ${formatValue(this.votes[c]!)} votes, at or above the quota (rule 47).`);
    }
    return { elected, sentences };
  }

  /**
   * Rule 52: when no more continuing candidates who could still take a seat remain than vacancies,
   * they are all elected and no further transfer is made. A candidate whose cap group is full
   * cannot take a seat, so it is not counted among them.
   */
  private fillLastVacancies(): { elected: string[]; sentences: string[]; done: boolean } {
    const vacancies = this.input.seats - this.winners.length;
    if (vacancies <= 0) return { elected: [], sentences: [], done: true };
    const electable = this.continuing().filter((c) => this.capReason(c) === null);
    if (electable.length > vacancies) return { elected: [], sentences: [], done: false };
    const elected: string[] = [];
    const sentences: string[] = [];
    // Elected together and with no transfer to follow, their order only matters under a seat cap;
    // without one, ties keep the order of the candidate list instead of spending a lot on them.
    for (const c of this.inOrder(electable, this.input.seatCap !== undefined)) {
      const capped = this.capReason(c);
      if (capped) {
        this.state[c] = 'passed-over';
        sentences.push(`${this.names[c]} is passed over: ${capped}`);
        continue;
      }
      this.elect(c);
      elected.push(this.names[c]!);
    }
    if (elected.length > 0) {
      sentences.push(`${elected.join(', ')} ${elected.length === 1 ? 'is' : 'are'} elected: no more continuing candidates remain than vacancies (rule 52).`);
    }
    const unfilled = this.input.seats - this.winners.length;
    if (unfilled > 0) sentences.push(`${unfilled} seat${unfilled === 1 ? '' : 's'} cannot be filled: no candidate who could take it remains.`);
    return { elected, sentences, done: true };
  }

  /** The transfer of the next stage: a passed-over candidate's papers, else the largest surplus (rule 49), else an exclusion (rule 50). */
  private nextTransfer(): { transferred: string; excluded: string[]; summary: string } {
    const passed = this.pendingPassedOver.shift();
    if (passed !== undefined) {
      const moved = this.transferAll(passed);
      return {
        transferred: this.names[passed]!,
        excluded: [],
        summary: `The papers of ${this.names[passed]}, passed over under the seat cap, are transferred at their current values (${formatValue(moved)} votes).`,
      };
    }
    if (this.pendingSurplus.length > 0) return this.transferLargestSurplus();
    const lowest = this.pickOne(this.continuing(), 'lowest', 'exclude');
    this.state[lowest.candidate] = 'excluded';
    const had = this.votes[lowest.candidate]!;
    this.transferAll(lowest.candidate);
    return {
      transferred: this.names[lowest.candidate]!,
      excluded: [this.names[lowest.candidate]!],
      summary: `${this.names[lowest.candidate]} has the fewest votes, ${formatValue(had)}${lowest.how}, and is excluded; the papers move on at their current values (rule 50).`,
    };
  }

  private transferLargestSurplus(): { transferred: string; excluded: string[]; summary: string } {
    const surplusOf = (c: number): Value => this.votes[c]! - this.quota;
    let largest = ZERO;
    for (const c of this.pendingSurplus) if (surplusOf(c) > largest) largest = surplusOf(c);
    const tied = this.pendingSurplus.filter((c) => surplusOf(c) === largest);
    // Rule 49(2) looks back; candidates equal at every stage were elected together, in an order
    // already drawn by lot (rule 49(3)), which `pendingSurplus` keeps.
    const from = lookBack(this.history, tied, 'highest')[0]!;
    this.pendingSurplus.splice(this.pendingSurplus.indexOf(from), 1);

    const total = this.votes[from]!;
    const surplus = total - this.quota;
    let moved = ZERO;
    let nonTransferable = ZERO;
    for (const parcel of this.parcels[from]!) {
      const value = transferValue(surplus, parcel.value, total);
      const to = this.nextContinuing(parcel);
      if (to === undefined) {
        nonTransferable += parcel.count * value;
        continue;
      }
      this.receive(to, { ...parcel, at: parcel.preferences.indexOf(to), value });
      moved += parcel.count * value;
    }
    const lost = surplus - moved - nonTransferable;
    this.exhausted += nonTransferable;
    this.parcels[from] = [];
    this.votes[from] = this.quota;
    const tieNote = tied.length > 1 ? ' (equal surpluses: order by rule 49(2)–(3))' : '';
    return {
      transferred: this.names[from]!,
      excluded: [],
      summary:
        `The surplus of ${this.names[from]} (${formatValue(surplus)}) is transferred${tieNote}: ` +
        `${formatValue(moved)} to continuing candidates, ${formatValue(nonTransferable)} non-transferable, ` +
        `${formatValue(lost)} lost to truncation at five decimal places (rule 48).`,
    };
  }

  /** Rule 50(2)–(4): every paper moves to its next continuing preference at the value it holds. */
  private transferAll(from: number): Value {
    let moved = ZERO;
    for (const parcel of this.parcels[from]!) {
      const to = this.nextContinuing(parcel);
      if (to === undefined) {
        this.exhausted += parcel.count * parcel.value;
        continue;
      }
      this.receive(to, { ...parcel, at: parcel.preferences.indexOf(to) });
      moved += parcel.count * parcel.value;
    }
    this.parcels[from] = [];
    this.votes[from] = ZERO;
    return moved;
  }

  private receive(to: number, parcel: Parcel): void {
    this.parcels[to]!.push(parcel);
    this.votes[to]! += parcel.count * parcel.value;
  }

  private nextContinuing(parcel: Parcel): number | undefined {
    for (let i = parcel.at + 1; i < parcel.preferences.length; i++) {
      const c = parcel.preferences[i]!;
      if (this.state[c] === 'hopeful') return c;
    }
    return undefined;
  }

  private continuing(): number[] {
    return this.state.flatMap((s, c) => (s === 'hopeful' ? [c] : []));
  }

  private elect(c: number): void {
    this.state[c] = 'elected';
    this.winners.push(c);
    const group = this.groupOf(c);
    if (group !== undefined) this.heldByGroup.set(group, (this.heldByGroup.get(group) ?? 0) + 1);
  }

  private groupOf(c: number): string | undefined {
    return this.input.seatCap?.groupOf[c];
  }

  /** Why electing `c` would break the seat cap, or null when it would not. */
  private capReason(c: number): string | null {
    const cap = this.input.seatCap;
    const group = this.groupOf(c);
    if (!cap || group === undefined) return null;
    const held = this.heldByGroup.get(group) ?? 0;
    if (held < cap.limit) return null;
    const holders = this.winners.filter((w) => this.groupOf(w) === group).map((w) => this.names[w]);
    return `"${group}" already has ${held} seat${held === 1 ? '' : 's'} (${holders.join(', ')}); the cap is ${cap.limit}.`;
  }

  /** Candidates by votes, highest first; equal votes ordered by rule 49(2), then by lot. */
  private inOrder(candidates: readonly number[], byLot = true): number[] {
    const left = [...candidates];
    const ordered: number[] = [];
    while (left.length > 0) {
      const { candidate } = this.pickOne(left, 'highest', byLot ? 'order' : null);
      ordered.push(candidate);
      left.splice(left.indexOf(candidate), 1);
    }
    return ordered;
  }

  /** The highest or lowest of `among` now; ties by the most recent stage that tells them apart, then by lot. */
  private pickOne(among: readonly number[], pick: Pick, purpose: StvDraw['purpose'] | null): { candidate: number; how: string } {
    const now = this.history[this.stage - 1] ?? this.votes;
    const best = extreme(
      among.map((c) => now[c]!),
      pick,
    );
    const tied = among.filter((c) => now[c] === best);
    if (tied.length === 1) return { candidate: tied[0]!, how: '' };
    const left = lookBack(this.history, tied, pick);
    if (left.length === 1) return { candidate: left[0]!, how: ' (a tie, broken by an earlier stage)' };
    if (purpose === null) return { candidate: left[0]!, how: '' };
    const names = left.map((c) => this.names[c]!);
    const chosen = drawByLot(this.input.seed, this.stage, purpose, names);
    this.draws.push({ round: this.stage, among: [...names].sort(), chosen, purpose });
    return { candidate: this.names.indexOf(chosen), how: ' (a tie at every stage, drawn by lot)' };
  }

  private record(transferred: string | null, elected: string[], excluded: string[], summary: string): void {
    this.rounds.push({
      number: this.stage,
      quota: formatValue(this.quota),
      candidates: this.names.map((candidate, c) => ({ candidate, votes: formatValue(this.votes[c]!), state: this.state[c]! })),
      elected,
      excluded,
      transferred,
      exhausted: formatValue(this.exhausted),
      summary,
    });
  }
}
