import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { MetaProblem } from '../../application/ports/election-catalog.js';
import type { SavedCatalog } from '../../application/ports/last-good-catalog.js';
import type { Candidate } from '../../domain/election/candidate.js';
import { ELECTION_METHODS, type Election, type ElectionMethod } from '../../domain/election/election.js';

/**
 * The saved catalog as bytes: gzip'd JSON (voter rolls compress about tenfold, which keeps a large
 * catalog under MariaDB's default 16 MiB packet). The field lists below are typed against `Election`,
 * so a field added to the model and forgotten here fails the type check instead of vanishing on a
 * restart. A payload written in another format, or damaged, is refused whole with a clear message.
 */
export const SAVED_CATALOG_FORMAT = 1;

const zip = promisify(gzip);
const unzip = promisify(gunzip);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type EncodedElection = { [K in keyof Election]: Json } & { readAt: string | null };

export async function encodeSavedCatalog(catalog: SavedCatalog): Promise<Buffer> {
  const readAt = (key: string) => (catalog.readAt.has(key) ? (catalog.readAt.get(key) ?? null) : catalog.revision);
  const elections = [...catalog.elections.values()].map((e) => encodeElection(e, readAt(e.key)));
  const body = {
    format: SAVED_CATALOG_FORMAT,
    revision: catalog.revision,
    syncedAt: catalog.syncedAt.toISOString(),
    elections,
    problems: catalog.problems.map((p) => ({ ...p })),
  };
  return zip(Buffer.from(JSON.stringify(body), 'utf8'));
}

export async function decodeSavedCatalog(bytes: Uint8Array): Promise<SavedCatalog> {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse((await unzip(bytes)).toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new SavedCatalogUnreadable(`it is not gzip'd JSON (${(e as Error).message})`);
  }
  if (body?.['format'] !== SAVED_CATALOG_FORMAT) {
    throw new SavedCatalogUnreadable(`it was written in format ${String(body?.['format'])}, this version reads format ${SAVED_CATALOG_FORMAT}`);
  }
  const read = new Reader('catalog');
  const elections = new Map<string, Election>();
  const readAt = new Map<string, string | null>();
  for (const [i, raw] of read.array(body['elections'], 'elections').entries()) {
    const election = decodeElection(new Reader(`elections[${i}]`), raw);
    elections.set(election.key, election);
    readAt.set(election.key, new Reader(`elections[${i}]`).stringOrNull((raw as Record<string, unknown>)['readAt'], 'readAt'));
  }
  return {
    revision: read.stringOrNull(body['revision'], 'revision'),
    syncedAt: read.date(body['syncedAt'], 'syncedAt'),
    elections,
    readAt,
    problems: read.array(body['problems'], 'problems').map((p, i) => decodeProblem(new Reader(`problems[${i}]`), p)),
  };
}

export class SavedCatalogUnreadable extends Error {
  constructor(why: string) {
    super(`The saved catalog cannot be read: ${why}.`);
    this.name = 'SavedCatalogUnreadable';
  }
}

function encodeElection(e: Election, readAt: string | null): EncodedElection {
  return {
    key: e.key,
    path: e.path,
    name: e.name,
    organization: e.organization,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    exceptionDueAt: e.exceptionDueAt.toISOString(),
    noWinners: e.noWinners,
    allowNoOpinion: e.allowNoOpinion,
    deleteAfter: e.deleteAfter,
    publishBallots: e.publishBallots,
    ballotTrackers: e.ballotTrackers,
    showCandidateFields: [...e.showCandidateFields],
    officers: [...e.officers],
    eligibility: e.eligibility,
    eligibilityHtml: e.eligibilityHtml,
    exceptionDescription: e.exceptionDescription,
    exceptionDescriptionHtml: e.exceptionDescriptionHtml,
    seatCap: e.seatCap ? { field: e.seatCap.field, limit: e.seatCap.limit } : null,
    method: e.method,
    descriptionHtml: e.descriptionHtml,
    resultsHtml: e.resultsHtml,
    candidates: e.candidates.map(encodeCandidate),
    voters: e.voters === null ? null : [...e.voters],
    readAt,
  };
}

function encodeCandidate(c: Candidate): { [K in keyof Candidate]: Json } {
  return { id: c.id, name: c.name, info: { ...c.info }, fileName: c.fileName, bioHtml: c.bioHtml };
}

function decodeElection(r: Reader, raw: unknown): Election {
  const o = r.object(raw, '');
  const seatCap = o['seatCap'] === null ? null : r.object(o['seatCap'], 'seatCap');
  return {
    key: r.string(o['key'], 'key'),
    path: r.string(o['path'], 'path'),
    name: r.string(o['name'], 'name'),
    organization: r.string(o['organization'], 'organization'),
    startsAt: r.date(o['startsAt'], 'startsAt'),
    endsAt: r.date(o['endsAt'], 'endsAt'),
    exceptionDueAt: r.date(o['exceptionDueAt'], 'exceptionDueAt'),
    noWinners: r.number(o['noWinners'], 'noWinners'),
    allowNoOpinion: r.boolean(o['allowNoOpinion'], 'allowNoOpinion'),
    deleteAfter: r.boolean(o['deleteAfter'], 'deleteAfter'),
    // Absent from catalogs saved before these options existed: off, their default.
    publishBallots: r.boolean(o['publishBallots'] ?? false, 'publishBallots'),
    ballotTrackers: r.boolean(o['ballotTrackers'] ?? false, 'ballotTrackers'),
    showCandidateFields: r.strings(o['showCandidateFields'], 'showCandidateFields'),
    officers: r.strings(o['officers'], 'officers'),
    eligibility: r.stringOrNull(o['eligibility'], 'eligibility'),
    // Absent from catalogs saved before these were rendered: the pages then show the text escaped.
    eligibilityHtml: r.stringOrNull(o['eligibilityHtml'] ?? null, 'eligibilityHtml'),
    exceptionDescription: r.stringOrNull(o['exceptionDescription'], 'exceptionDescription'),
    exceptionDescriptionHtml: r.stringOrNull(o['exceptionDescriptionHtml'] ?? null, 'exceptionDescriptionHtml'),
    seatCap: seatCap ? { field: r.string(seatCap['field'], 'seatCap.field'), limit: r.number(seatCap['limit'], 'seatCap.limit') } : null,
    // Absent from catalogs saved before `method:` existed: those elections were all Schulze.
    method: r.method(o['method'] ?? 'schulze', 'method'),
    descriptionHtml: r.stringOrNull(o['descriptionHtml'], 'descriptionHtml'),
    resultsHtml: r.stringOrNull(o['resultsHtml'], 'resultsHtml'),
    candidates: r.array(o['candidates'], 'candidates').map((c, i) => decodeCandidate(r.at(`candidates[${i}]`), c)),
    voters: o['voters'] === null ? null : new Set(r.strings(o['voters'], 'voters')),
  };
}

function decodeCandidate(r: Reader, raw: unknown): Candidate {
  const o = r.object(raw, '');
  const info = r.object(o['info'], 'info');
  for (const [k, v] of Object.entries(info)) r.string(v, `info.${k}`);
  return {
    id: r.string(o['id'], 'id'),
    name: r.string(o['name'], 'name'),
    info: info as Record<string, string>,
    fileName: r.string(o['fileName'], 'fileName'),
    bioHtml: r.string(o['bioHtml'], 'bioHtml'),
  };
}

function decodeProblem(r: Reader, raw: unknown): MetaProblem {
  const o = r.object(raw, '');
  const severity = r.string(o['severity'], 'severity');
  if (severity !== 'error' && severity !== 'warning') throw r.bad('severity', 'is neither error nor warning');
  return {
    severity,
    file: r.string(o['file'], 'file'),
    message: r.string(o['message'], 'message'),
    ...(o['line'] !== undefined ? { line: r.number(o['line'], 'line') } : {}),
    ...(o['hint'] !== undefined ? { hint: r.string(o['hint'], 'hint') } : {}),
    ...(o['electionKey'] !== undefined ? { electionKey: r.string(o['electionKey'], 'electionKey') } : {}),
  };
}

/** Type checks that name the field that failed. */
class Reader {
  constructor(private readonly where: string) {}

  at(where: string): Reader {
    return new Reader(`${this.where}.${where}`);
  }
  bad(field: string, why: string): SavedCatalogUnreadable {
    return new SavedCatalogUnreadable(`${this.where}${field ? `.${field}` : ''} ${why}`);
  }
  string(v: unknown, field: string): string {
    if (typeof v !== 'string') throw this.bad(field, 'is not a string');
    return v;
  }
  stringOrNull(v: unknown, field: string): string | null {
    return v === null ? null : this.string(v, field);
  }
  strings(v: unknown, field: string): string[] {
    return this.array(v, field).map((s, i) => this.string(s, `${field}[${i}]`));
  }
  number(v: unknown, field: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw this.bad(field, 'is not a number');
    return v;
  }
  method(v: unknown, field: string): ElectionMethod {
    const m = this.string(v, field);
    if (!(ELECTION_METHODS as readonly string[]).includes(m)) throw this.bad(field, `is not one of ${ELECTION_METHODS.join(', ')}`);
    return m as ElectionMethod;
  }
  boolean(v: unknown, field: string): boolean {
    if (typeof v !== 'boolean') throw this.bad(field, 'is not true or false');
    return v;
  }
  date(v: unknown, field: string): Date {
    const d = new Date(this.string(v, field));
    if (Number.isNaN(d.getTime())) throw this.bad(field, 'is not a date');
    return d;
  }
  array(v: unknown, field: string): unknown[] {
    if (!Array.isArray(v)) throw this.bad(field, 'is not a list');
    return v;
  }
  object(v: unknown, field: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw this.bad(field, 'is not an object');
    return v as Record<string, unknown>;
  }
}
