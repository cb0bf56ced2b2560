import { NO_OPINION_RANK, type RankEntry } from '../../domain/ballot/ranking.js';
import { DomainError } from '../../domain/errors.js';

/** Form field per candidate, as in Elekto (`candidate@<id>`), so Elekto-style posts still work. */
export const RANK_FIELD_PREFIX = 'candidate@';

export interface SubmittedBallot {
  readonly entries: RankEntry[];
  readonly passphrase: string;
  readonly passphraseConfirm: string | null;
  readonly confirmNoPreference: boolean;
  /** The voter's answer on the "no passphrase" question: cast anyway, go back to the form, or not asked yet. */
  readonly noPassphrase: 'cast' | 'back' | null;
}

/**
 * Reads the ballot form: "No opinion" arrives as `none`, empty or Elekto's 100000000; anything
 * else must be a whole number. Whether candidates are known is the use case's check.
 */
export function readBallotForm(body: Record<string, unknown>): SubmittedBallot {
  const entries: RankEntry[] = [];
  for (const [field, raw] of Object.entries(body)) {
    if (!field.startsWith(RANK_FIELD_PREFIX)) continue;
    const candidate = field.slice(field.lastIndexOf('@') + 1);
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '' || value === 'none' || value === String(NO_OPINION_RANK)) {
      entries.push({ candidate, rank: NO_OPINION_RANK });
    } else if (/^\d{1,6}$/.test(value) && Number(value) >= 1) {
      entries.push({ candidate, rank: Number(value) });
    } else {
      throw new DomainError('INVALID_BALLOT', `The rank given for "${candidate}" is not a number or "No opinion".`, { candidate });
    }
  }
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    entries,
    passphrase: text(body['password']),
    passphraseConfirm: typeof body['password_confirm'] === 'string' ? body['password_confirm'] : null,
    confirmNoPreference: body['confirm_no_preference'] === 'yes',
    noPassphrase: body['no_passphrase'] === 'cast' ? 'cast' : body['no_passphrase'] === 'back' ? 'back' : null,
  };
}
