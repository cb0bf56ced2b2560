import type { Candidate } from '../../../src/domain/election/candidate.js';
import type { Election, ElectionMethod, SeatCap } from '../../../src/domain/election/election.js';
import { normaliseLogin } from '../../../src/domain/identity/github-login.js';

/** A candidate with sensible defaults; `info` as the meta parser leaves it (strings). */
export function aCandidate(id: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    id,
    name: overrides.name ?? id.charAt(0).toUpperCase() + id.slice(1),
    info: overrides.info ?? {},
    fileName: overrides.fileName ?? `candidate-${id}.md`,
    bioHtml: overrides.bioHtml ?? `<p>${id}'s bio</p>`,
  };
}

const HOUR = 3_600_000;

/**
 * Test-data builder for an Election. Defaults: key `2021---GB`, running from 2021-06-01 to
 * 2021-06-15 (UTC), exceptions due at the start, one seat, three candidates, officer `officer1`,
 * voters `alice`, `bob`, `carol`. `build()` returns a fresh immutable value each time.
 */
export class ElectionBuilder {
  private fields: { -readonly [K in keyof Election]: Election[K] } = {
    key: '2021---GB',
    path: '2021/GB',
    name: 'Select our 2021 General Board Rep',
    organization: 'Elekto Test',
    startsAt: new Date('2021-06-01T00:00:00Z'),
    endsAt: new Date('2021-06-15T00:00:00Z'),
    exceptionDueAt: new Date('2021-06-01T00:00:00Z'),
    noWinners: 1,
    allowNoOpinion: true,
    deleteAfter: false,
    publishBallots: false,
    ballotTrackers: false,
    showCandidateFields: [],
    officers: ['officer1'],
    eligibility: null,
    eligibilityHtml: null,
    exceptionDescription: null,
    exceptionDescriptionHtml: null,
    seatCap: null,
    method: 'schulze',
    descriptionHtml: '<p>An election.</p>',
    resultsHtml: null,
    candidates: ['dims', 'paris', 'aaron'].map((id) => aCandidate(id)),
    voters: new Set(['alice', 'bob', 'carol']),
  };

  key(key: string): this {
    this.fields.key = key;
    this.fields.path = key.replace(/---/g, '/');
    return this;
  }
  named(name: string): this {
    this.fields.name = name;
    return this;
  }
  organization(org: string): this {
    this.fields.organization = org;
    return this;
  }
  /** startsAt/endsAt; exceptionDueAt follows the start unless set with exceptionsDue. */
  runningBetween(start: Date | string, end: Date | string): this {
    const s = new Date(start);
    const moveDue = this.fields.exceptionDueAt.getTime() === this.fields.startsAt.getTime();
    this.fields.startsAt = s;
    this.fields.endsAt = new Date(end);
    if (moveDue) this.fields.exceptionDueAt = s;
    return this;
  }
  /** A window around `now`: running, upcoming or completed relative to it. */
  status(status: 'running' | 'upcoming' | 'completed', now: Date): this {
    const t = now.getTime();
    if (status === 'running') return this.runningBetween(new Date(t - 24 * HOUR), new Date(t + 24 * HOUR));
    if (status === 'upcoming') return this.runningBetween(new Date(t + 24 * HOUR), new Date(t + 48 * HOUR));
    return this.runningBetween(new Date(t - 48 * HOUR), new Date(t - 24 * HOUR));
  }
  exceptionsDue(at: Date | string): this {
    this.fields.exceptionDueAt = new Date(at);
    return this;
  }
  seats(n: number): this {
    this.fields.noWinners = n;
    return this;
  }
  allowNoOpinion(allow: boolean): this {
    this.fields.allowNoOpinion = allow;
    return this;
  }
  publishBallots(on = true): this {
    this.fields.publishBallots = on;
    return this;
  }

  ballotTrackers(on = true): this {
    this.fields.ballotTrackers = on;
    return this;
  }

  deleteAfter(on = true): this {
    this.fields.deleteAfter = on;
    return this;
  }
  officers(...logins: string[]): this {
    this.fields.officers = logins.map(normaliseLogin);
    return this;
  }
  voters(...logins: string[]): this {
    this.fields.voters = new Set(logins.map(normaliseLogin));
    return this;
  }
  noVoterRoll(): this {
    this.fields.voters = null;
    return this;
  }
  candidates(...cs: Array<string | Candidate>): this {
    this.fields.candidates = cs.map((c) => (typeof c === 'string' ? aCandidate(c) : c));
    return this;
  }
  countedBy(method: ElectionMethod): this {
    this.fields.method = method;
    return this;
  }
  seatCap(cap: SeatCap | null): this {
    this.fields.seatCap = cap;
    return this;
  }
  resultsHtml(html: string | null): this {
    this.fields.resultsHtml = html;
    return this;
  }
  eligibility(text: string | null, html: string | null = null): this {
    this.fields.eligibility = text;
    this.fields.eligibilityHtml = html;
    return this;
  }
  exceptionDescription(text: string | null, html: string | null = null): this {
    this.fields.exceptionDescription = text;
    this.fields.exceptionDescriptionHtml = html;
    return this;
  }

  build(): Election {
    return {
      ...this.fields,
      officers: [...this.fields.officers],
      candidates: [...this.fields.candidates],
      voters: this.fields.voters === null ? null : new Set(this.fields.voters),
    };
  }
}

export function anElection(): ElectionBuilder {
  return new ElectionBuilder();
}
