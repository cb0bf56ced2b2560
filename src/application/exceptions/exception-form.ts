import { DomainError } from '../../domain/errors.js';

/** What the requester types into the exception form. */
export interface ExceptionForm {
  readonly name: string;
  readonly email: string;
  readonly chat: string;
  readonly description: string;
  readonly comments: string;
}

const SHORT = 255; // Elekto's VARCHAR(255) columns
const LONG = 10_000;

const LIMITS: ReadonlyArray<[keyof ExceptionForm, string, number, boolean]> = [
  ['name', 'Full name', SHORT, true],
  ['email', 'E-mail', SHORT, true],
  ['chat', 'Chat ID', SHORT, true],
  ['description', 'Contributions', LONG, true],
  ['comments', 'Comments', LONG, false],
];

/** Trims every field and checks presence and length; names every bad field at once. */
export function cleanExceptionForm(form: Partial<ExceptionForm>): ExceptionForm {
  const out: Record<string, string> = {};
  const problems: Record<string, string> = {};
  for (const [field, label, max, required] of LIMITS) {
    const raw = form[field];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (required && value === '') problems[field] = `${label} is required.`;
    else if ([...value].length > max) problems[field] = `${label} may be at most ${max} characters.`;
    out[field] = value;
  }
  if (!problems['email'] && !/^[^\s@]+@[^\s@]+$/.test(out['email'] ?? '')) {
    problems['email'] = 'E-mail does not look like an address.';
  }
  const bad = Object.keys(problems);
  if (bad.length > 0) {
    throw new DomainError('INVALID_EXCEPTION_REQUEST', Object.values(problems).join(' '), { fields: problems });
  }
  return out as unknown as ExceptionForm;
}
