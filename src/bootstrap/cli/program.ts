/**
 * The `elekto` program: every subcommand, its summary, arguments, options and help, in one place.
 * An action imports its command's code (./commands/<name>.ts) only when it runs, so `elekto tally`
 * or `elekto --help` never loads Koa or TypeORM.
 */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PAIR_STRENGTHS, STV_METHODS, TALLY_METHODS } from '../../domain/tally/index.js';
import type { Env } from '../config/read-env.js';
import type { ResultsOptions } from './commands/results.js';
import type { VerifyOptions } from './commands/verify.js';
import type { TallyOptions } from './commands/tally.js';

export interface CliContext {
  /** What the action that ran reports: commander itself only knows "returned" or "threw". */
  exitCode: number;
  /** The environment and working directory `generate-key` reads (tests pass their own). */
  readonly env?: Env;
  readonly cwd?: string;
}

const UNRANKED = ['no-opinion', 'last'] as const;

export function buildProgram(context: CliContext): Command {
  const program = new Command('elekto')
    .usage('[--env-file <path>] <command> [options]')
    .version(packageVersion())
    // Options of the program come before the command (so `generate-key --env-file` stays generate-key's).
    .enablePositionalOptions()
    .option('--env-file <path>', 'dotenv file every command reads (sets ENV_FILE, which a systemd unit or a shell can set too)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError("(run `elekto <command> --help` for a command's options)")
    .addHelpText('after', "\nRun `elekto <command> --help` for a command's options.")
    .hook('preSubcommand', (self) => {
      const envFile = self.opts<{ envFile?: string }>().envFile;
      if (envFile !== undefined) process.env.ENV_FILE = envFile;
    });
  // `command()` hands the settings above (exit override, output, hint after an error) to each subcommand.
  const subcommand = (name: string, summary: string): Command =>
    program.command(name).summary(summary).showHelpAfterError(`(run \`elekto ${name} --help\` for its options)`);
  const report = (code: number): void => {
    context.exitCode = code;
  };

  subcommand('serve', 'Serve the web application')
    .alias('run')
    .description(
      'Reads the configuration (.env, then the environment), reads the meta repository into the catalog and serves the web application until SIGINT/SIGTERM.',
    )
    .option('--host <address>', 'address to listen on (default: APP_HOST, else 127.0.0.1)')
    .option('-p, --port <number>', 'port to listen on (default: APP_PORT, else 5000)', portArg)
    .option(
      '--demo',
      'the one-command demo (what `npm start` runs): SQLite under .data/, migrated automatically, the bundled example meta repository, the development sign-in',
    )
    .option('--sync', 'fetch the meta repository before serving (also done when no checkout exists)')
    .addHelpText('after', '\nExit status: 0 stopped cleanly, 1 failed at run time, 2 bad usage, 78 bad configuration.')
    .action(async (opts: { host?: string; port?: number; demo?: boolean; sync?: boolean }) => report(await (await import('./commands/serve.js')).run(opts)));

  subcommand('migrate', 'Create or upgrade the database schema')
    .description('Create or upgrade the database schema (DB_CONNECTION + DB_* or DATABASE_URL, as in Elekto).')
    .option('--check', 'only report pending migrations; exit 1 when some are pending')
    .addHelpText('after', '\nExit status: 0 up to date, 1 migration failed or pending (--check), 2 bad usage, 78 bad configuration.')
    .action(async (opts: { check?: boolean }) => report(await (await import('./commands/migrate.js')).run(opts)));

  subcommand('sync', 'Fetch the meta repository and sync elections')
    .description(
      'Fetches the meta repository (META_REPO, META_BRANCH into META_PATH; or reads META_PATH as a plain directory when META_REPO is empty), ' +
        'reads every election under ELECTION_DIR, and updates the election rows of the database (upsert by key; elections gone from the ' +
        'repository are archived, never deleted with their ballots). Broken elections are reported. Progress goes to stderr.',
    )
    .option('--json', 'print the sync report as one JSON object on stdout')
    .option('--no-fetch', 'read the checkout as it is on disk, without contacting the remote')
    .option('--org <key>', 'ORGANIZATIONS_FILE: sync this organization only (default: every organization, one after another)')
    .addHelpText(
      'after',
      '\nExit status: 0 synced (broken elections are listed, not fatal), 1 sync failed (nothing changed), 2 bad usage, 78 bad configuration.',
    )
    .action(async (opts: { json?: boolean; fetch: boolean; org?: string }) => report(await (await import('./commands/sync.js')).run(opts)));

  subcommand('orgs', 'List the organizations of ORGANIZATIONS_FILE')
    .description('Each organization of ORGANIZATIONS_FILE with its meta source, the revision it last synced and when.')
    .option('--json', 'print one JSON array')
    .addHelpText('after', '\nExit status: 0 listed, 2 bad usage, 78 bad configuration or no ORGANIZATIONS_FILE.')
    .action(async (opts: { json?: boolean }) => report(await (await import('./commands/orgs.js')).run(opts)));

  subcommand('check-meta', 'Validate a meta repository (for its CI)')
    .description('Validate every election of a meta repository: YAML, dates, candidates, voter rolls, Markdown.')
    .argument('<meta-root>', 'folder of the meta repository (a checkout)')
    .option('--election-dir <dir>', 'elections folder, relative to the root (default: $ELECTION_DIR or "elections")')
    .option(
      '--since <revision>',
      'git revision to compare with (the target branch): warn when an election whose voting had opened there is gone and one of the same name is new (a renamed folder)',
    )
    .option('--json', 'print one JSON object instead of text')
    .addHelpText('after', '\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 bad usage.')
    .action(async (metaRoot: string, opts: { electionDir?: string; since?: string; json?: boolean }) =>
      report(await (await import('./commands/check-meta.js')).run(metaRoot, opts)),
    );

  subcommand('tally', "Count an officers' ballots CSV (Condorcet methods or STV)")
    .description("Count the ballots CSV that Elekto's officers download (one ballot per row, ranks 1 = best).")
    .argument('<ballots.csv>', 'the CSV file, or - to read standard input')
    .addOption(
      new Option('--method <method>', 'counting method: Condorcet (a ranking) or STV (proportional seats, round by round)')
        .choices([...TALLY_METHODS, ...STV_METHODS])
        .default('schulze'),
    )
    .addOption(new Option('--strength <strength>', 'strength of a pairwise defeat (ignored by copeland)').choices(PAIR_STRENGTHS).default('winning'))
    .option('--winners <n>', 'number of seats to fill', seatsArg, 1)
    .addOption(
      new Option('--unranked <policy>', 'unranked candidates: no-opinion (Elekto) or last (tied below the ranked)').choices(UNRANKED).default('no-opinion'),
    )
    .option('--seed <text>', 'STV only: the seed of draws by lot (published with the result)', 'elekto-tally')
    .option('--json', 'print one JSON object instead of tables')
    .addHelpText(
      'after',
      '\nWith an STV method a tied ballot counts up to its tie and unranked candidates are not preferred;\n' +
        '--strength and --unranked apply to the Condorcet methods only.\n' +
        '\nExit status: 0 counted, 2 bad usage or bad input.',
    )
    .action(async (file: string, opts: TallyOptions) => report(await (await import('./commands/tally.js')).run(file, opts)));

  subcommand('results', 'Print the results of a completed election')
    .description('Count the stored ballots of a completed election.')
    .argument('<election-key>', 'the election key, e.g. 2021---GB (its folder path with / written as ---)')
    .addOption(
      new Option('--method <method>', "counting method (default: the election's `method:`, Schulze when it names none)").choices([
        ...TALLY_METHODS,
        ...STV_METHODS,
      ]),
    )
    .addOption(new Option('--strength <strength>', 'strength of a pairwise defeat').choices(PAIR_STRENGTHS).default('winning'))
    .addOption(new Option('--unranked <policy>', 'unranked candidates: no-opinion (Elekto) or last').choices(UNRANKED).default('no-opinion'))
    .addOption(new Option('--json', 'print one JSON object').conflicts(['markdown', 'csv']))
    .addOption(new Option('--markdown', 'print a results.md draft for the meta repository').conflicts(['csv']))
    .option('--csv', "print the ballots in Elekto's ballots.csv format")
    .option('--org <key>', 'ORGANIZATIONS_FILE: the organization whose election this is (required with the file)')
    .addOption(
      new Option('--bulletin', 'print the public bulletin: every ballot, the result and its digest (docs/verify.md)').conflicts(['json', 'markdown', 'csv']),
    )
    .addHelpText(
      'after',
      '\nReading results changes nothing: the voters can still view and revoke their ballots afterwards.\n' +
        'With `delete_after: true` a running `elekto serve` destroys the voter-to-ballot links\n' +
        'LINK_PURGE_DELAY_HOURS (default 24) after the close; `elekto purge-links <key>` (or the\n' +
        "officers' results page) does it at once.\n" +
        '\nExit status: 0 counted, 1 unknown/broken/unfinished election, 2 bad usage, 78 bad configuration.',
    )
    .action(async (electionKey: string, opts: ResultsOptions) => report(await (await import('./commands/results.js')).run(electionKey, opts)));

  subcommand('verify', "Check an election's bulletin: its digest and its count")
    .description("Check an election's public bulletin (see docs/verify.md) from the file alone.")
    .argument('<bulletin.json>', 'the bulletin, as printed by `elekto results <key> --bulletin`, or - for standard input')
    .option('--digest <hex>', 'the digest published elsewhere (64 hexadecimal digits): the file must hash to it', digestArg)
    .option('--against <file>', 'a reference copy of the bulletin: names the ballots that were changed, are missing or were added')
    .option('--json', 'print one JSON object: { ok, digest, ranking, … }')
    .addHelpText('after', '\nExit status: 0 all checks hold, 1 something differs (named on stderr), 2 bad usage or unreadable file.')
    .action(async (file: string, opts: VerifyOptions) => report(await (await import('./commands/verify.js')).run(file, opts)));

  subcommand('purge-links', 'Destroy the voter-to-ballot links of a completed election')
    .description('Destroy every voter-to-ballot link of a completed election; ballots stay. Cannot be undone.')
    .argument('<election-key>', 'the election key, e.g. 2021---GB')
    .option('--json', 'print the outcome as JSON')
    .option('--org <key>', 'ORGANIZATIONS_FILE: the organization whose election this is (required with the file)')
    .addHelpText('after', '\nExit status: 0 purged, 1 unknown or unfinished election, 2 bad usage, 78 bad configuration.')
    .action(async (electionKey: string, opts: { json?: boolean; org?: string }) =>
      report(await (await import('./commands/purge-links.js')).run(electionKey, opts)),
    );

  subcommand('generate-key', 'Write a fresh APP_KEY into .env')
    .description(
      "Writes APP_KEY=<64 hex characters> (32 random bytes, like Elekto's `console --generate`) into the dotenv file, replacing an existing " +
        'APP_KEY line or appending one; every other line is kept as is. The file is created (mode 600) when missing.',
    )
    .option('--env-file <path>', 'dotenv file to write (default: ENV_FILE, else .env in the current directory)')
    .option('--print', 'print a new key on stdout instead of writing a file')
    .option('--force', 'write the key even though links of running elections would no longer open')
    .addHelpText(
      'after',
      `
Changing APP_KEY signs everyone out; ballots still waiting in the pending pool open only with the old
key; and ballot links sealed with it (the default since links are peppered) no longer open, so their
voters cannot view or revoke their ballots. Before writing, the command reads the database and the
meta repository of that dotenv file and refuses while an election still running holds such links.
Change the key between elections, once results are computed (docs/ballot-secrecy.md).

Exit status: 0 written, 1 refused (links of a running election, or the database could not be
checked) or not written, 2 bad usage.`,
    )
    .action(async (opts: { envFile?: string; print?: boolean; force?: boolean }) =>
      report(await (await import('./commands/generate-key.js')).run(opts, { env: context.env, cwd: context.cwd })),
    );

  return program;
}

function packageVersion(): string {
  // Read from disk, not imported: package.json lies outside the build's rootDir (src/ → dist/ alike sit two levels below).
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function portArg(value: string): number {
  if (!/^\d{1,5}$/.test(value)) throw new InvalidArgumentError(`--port must be a number, got "${value}".`);
  return Number(value);
}

function seatsArg(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('expected a whole number from 1 up.');
  return Number(value);
}

/** A published digest as `--digest` takes it: 64 hexadecimal digits, any case. */
function digestArg(value: string): string {
  const v = value.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(v)) throw new InvalidArgumentError('expected 64 hexadecimal digits (a SHA-256 digest).');
  return v.toLowerCase();
}
