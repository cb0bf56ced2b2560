import { readFileSync } from 'node:fs';
import { JcsSha256BulletinHasher } from '../../../adapters/crypto/jcs-sha256-bulletin-hasher.js';
import { type BulletinVerification, verifyBulletin } from '../../../application/results/verify-bulletin.js';

export interface VerifyOptions {
  digest?: string;
  against?: string;
  json?: boolean;
}

/**
 * `elekto verify <bulletin.json> [--digest HEX] [--against other.json] [--json]`: recomputes the
 * digest and the count from the file alone (no configuration, no database, no meta repository).
 * Exit 0 everything holds; 1 something differs (each difference named); 2 bad usage or unreadable file.
 */
export async function run(file: string, opts: VerifyOptions): Promise<number> {
  let value: unknown;
  let reference: unknown;
  try {
    value = readJson(file);
    if (opts.against !== undefined) reference = readJson(opts.against);
  } catch (e) {
    if (e instanceof Unreadable) {
      process.stderr.write(`elekto verify: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
  const v = verifyBulletin(value, new JcsSha256BulletinHasher(), {
    ...(opts.digest !== undefined ? { publishedDigest: opts.digest } : {}),
    ...(opts.against !== undefined ? { reference } : {}),
  });
  if (opts.json) process.stdout.write(`${JSON.stringify({ ...jsonOf(v), publishedDigest: opts.digest?.toLowerCase() ?? null }, null, 2)}\n`);
  else process.stdout.write(report(v, opts));
  if (!v.ok) process.stderr.write(v.problems.map((p) => `elekto verify: ${p}\n`).join(''));
  return v.ok ? 0 : 1;
}

class Unreadable extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new Unreadable(`cannot read ${file}: ${(e as Error).message}`, 2);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Unreadable(`${file} is not JSON: ${(e as Error).message}`, 1);
  }
}

/** `--json`: a Condorcet count's ranking and tie at the cut, or an STV count's method, draws and any refusal. */
function jsonOf(v: BulletinVerification): Partial<BulletinVerification> {
  const { method, draws, refused, ranking, tieAtCutoff, ...common } = v;
  if (draws === null) return { ...common, ranking, tieAtCutoff };
  const { problems, ...rest } = common;
  return { ...rest, method, winners: v.winners, draws, refused, problems };
}

function report(v: BulletinVerification, o: VerifyOptions): string {
  if (!v.ok) return v.digest ? `digest ${v.digest}\nNOT VERIFIED\n` : 'NOT VERIFIED\n';
  if (v.draws !== null) return stvReport(v, o);
  const tiers = (v.ranking ?? []).map((t) => t.join(' = ')).join(' > ');
  return [
    `${v.election}: ${v.ballots} ballot${v.ballots === 1 ? '' : 's'}`,
    `digest ${v.digest}${o.digest ? ' (matches the published digest)' : ''}`,
    `ranking ${tiers}`,
    `winners ${v.winners?.join(', ') || '(none decided)'}${v.tieAtCutoff ? ' · tie at the cut: the officers decide' : ''}`,
    'VERIFIED: the digest is the hash of the contents and the ballots recount to the stated result.',
    '',
  ].join('\n');
}

function stvReport(v: BulletinVerification, o: VerifyOptions): string {
  const lines = [
    `${v.election}: ${v.ballots} ballot${v.ballots === 1 ? '' : 's'} · ${v.method}`,
    `digest ${v.digest}${o.digest ? ' (matches the published digest)' : ''}`,
    v.winners ? `winners, in order of election: ${v.winners.join(', ') || '(none)'}` : `not counted: ${v.refused}`,
    ...(v.draws ?? []).map((d) => `round ${d.round}: ${d.chosen} drawn by lot (${d.purpose}) among ${d.among.join(', ')}`),
    'VERIFIED: the digest is the hash of the contents and the ballots recount to the stated result.',
    '',
  ];
  return lines.join('\n');
}
