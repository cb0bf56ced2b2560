import type { StvMethod, StvResult } from '../../../domain/tally/index.js';

/** The STV methods by the names their rules are published under. */
export const STV_METHOD_NAMES: Record<StvMethod, string> = {
  'stv-meek': "Meek's method of the Single Transferable Vote (Hill, Wichmann and Woodall, Algorithm 123)",
  'stv-scottish': 'Single Transferable Vote by the Scottish Local Government Elections Order 2007 (Weighted Inclusive Gregory)',
  'cpo-stv': "Tideman's CPO-STV (Comparison of Pairs of Outcomes by the Single Transferable Vote)",
};

export const STV_SHORT_NAMES: Record<StvMethod, string> = { 'stv-meek': 'Meek STV', 'stv-scottish': 'Scottish STV', 'cpo-stv': 'CPO-STV' };

/** A count's decimal string without trailing zeros (exact: only zeros go): 12.500000000 → 12.5, 3.000000000 → 3. */
export function shortDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** The quota as a phrase: "30 votes", or under Meek, where it falls as votes exhaust, "30.5 votes in the first round, 28.2 in the last". */
export function quotaText(stv: StvResult): string {
  const first = stv.rounds[0]?.quota;
  const last = stv.rounds.at(-1)?.quota;
  if (first === undefined || last === undefined) return 'none (no round was counted)';
  return first === last
    ? `${shortDecimal(first)} votes`
    : `${shortDecimal(first)} votes in the first round, ${shortDecimal(last)} in the last (it falls as votes exhaust)`;
}

/** One line per draw by lot: what was tied and what the seeded draw chose. */
export function drawLines(stv: StvResult): string[] {
  return stv.draws.map((d) => `round ${d.round}: ${d.among.join(', ')} were tied (${d.purpose}); the draw chose ${d.chosen}`);
}
