import type { ExceptionDecisionRecord, ExceptionDecisionsExport } from '../../../application/exceptions/export-exception-decisions.js';

const COLUMNS: ReadonlyArray<keyof ExceptionDecisionRecord> = [
  'id',
  'login',
  'name',
  'email',
  'chat',
  'description',
  'comments',
  'filedAt',
  'reviewed',
  'decision',
  'decisionNote',
  'decidedBy',
  'decidedAt',
];

/** RFC 4180 text with a header row; see csvCell for the spreadsheet-formula guard. */
export function exceptionDecisionsCsv(out: ExceptionDecisionsExport): string {
  const lines = [COLUMNS.join(','), ...out.records.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Pretty-printed { election, name, requests: records }. */
export function exceptionDecisionsJson(out: ExceptionDecisionsExport): string {
  return `${JSON.stringify({ election: out.electionKey, name: out.electionName, requests: out.records }, null, 2)}\n`;
}

/**
 * One CSV cell. Text typed by requesters is opened by officers in spreadsheets, so a cell that
 * starts like a formula (= + - @, tab, CR) gets a leading apostrophe instead of being evaluated.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
