import { randomBytes } from 'node:crypto';
import type { Ranking } from '../../domain/ballot/ranking.js';

/**
 * The ranking a voter just cast, held in this process for the one redirect to the confirmation
 * page (post/redirect/get) and handed out once (with the ballot's tracker, when it has one). Only a random token goes into the session: a
 * ranking never sits in a cookie. A token never redeemed expires within a minute; a replica that
 * did not take the vote simply has no summary to show.
 */
export class OneShotRankings<T = Ranking> {
  private readonly held = new Map<string, { readonly ranking: T; readonly until: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly max = 1_000,
  ) {}

  keep(ranking: T): string {
    const now = Date.now();
    for (const [token, { until }] of this.held) if (until <= now || this.held.size >= this.max) this.held.delete(token);
    const token = randomBytes(18).toString('base64url');
    this.held.set(token, { ranking, until: now + this.ttlMs });
    return token;
  }

  take(token: unknown): T | null {
    if (typeof token !== 'string') return null;
    const kept = this.held.get(token);
    this.held.delete(token);
    return kept && kept.until > Date.now() ? kept.ranking : null;
  }
}
