/**
 * The documentation stays true to the repository: every relative link resolves (anchors included),
 * the operator guide's configuration table says what src/bootstrap/config/variables.ts says, and
 * its CLI table names real commands and options.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { buildProgram } from '../../src/bootstrap/cli/program.js';
import { VARIABLES } from '../../src/bootstrap/config/variables.js';
import { type MarkdownDocument, documentationFiles, isExternal, readMarkdown } from './markdown-links.js';

const root = resolve('.');
const GUIDE = 'docs/operator-guide.md';

describe('links in README.md and docs/', () => {
  const files = documentationFiles(root);
  const docs = new Map<string, MarkdownDocument>(files.map((f) => [f, readMarkdown(root, f)]));

  it('finds the documentation (the test reads what it should)', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', GUIDE, 'docs/differences-from-elekto.md']));
    expect(docs.get('README.md')!.links.length).toBeGreaterThan(5);
    expect(docs.get(GUIDE)!.anchors).toContain('coming-from-elekto-step-by-step');
  });

  it('resolve every relative link to a file or folder of the repository, and every anchor to a heading', () => {
    const broken: string[] = [];
    for (const [file, doc] of docs) {
      for (const link of doc.links) {
        if (isExternal(link.target)) continue;
        const [path = '', anchor] = link.target.split('#', 2) as [string, string | undefined];
        const where = `${file}:${link.line}: ${link.target}`;
        const target = path === '' ? join(root, file) : path.startsWith('/') ? join(root, path) : resolve(root, dirname(file), path);
        const inRepo = relative(root, target);
        if (inRepo.startsWith('..')) {
          broken.push(`${where} (leaves the repository)`);
          continue;
        }
        if (!existsSync(target)) {
          broken.push(`${where} (no such file)`);
          continue;
        }
        if (anchor === undefined || anchor === '' || !inRepo.endsWith('.md') || statSync(target).isDirectory()) continue;
        const anchors = docs.get(inRepo)?.anchors ?? readMarkdown(root, inRepo).anchors;
        if (!anchors.has(anchor)) broken.push(`${where} (no heading with anchor #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/** `| \`NAME\` | From | Default | Meaning |` rows of the operator guide's configuration table. */
function configurationRows(text: string): Map<string, { from: string; default: string; meaning: string }> {
  const rows = new Map<string, { from: string; default: string; meaning: string }>();
  for (const line of text.split('\n')) {
    const m = /^\| `([A-Z][A-Z0-9_]*)` \| ([^|]*) \| ([^|]*) \| (.*) \|$/.exec(line);
    if (m) rows.set(m[1]!, { from: m[2]!.trim(), default: m[3]!.trim(), meaning: m[4]!.trim() });
  }
  return rows;
}

/** The words of a table cell: Markdown links read as their text. */
const words = (cell: string): string => cell.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');

/** Every variable Elekto reads (its `.env.example` and `utils.py`), which the docs promise to keep. */
const ELEKTO_VARIABLES = [
  'APP_NAME',
  'APP_ENV',
  'APP_KEY',
  'APP_DEBUG',
  'APP_URL',
  'APP_PORT',
  'APP_HOST',
  'APP_CONNECT',
  'MIN_PASSCODE_LENGTH',
  'DB_CONNECTION',
  'DB_HOST',
  'DB_PORT',
  'DB_DATABASE',
  'DB_USERNAME',
  'DB_PASSWORD',
  'DB_PATH',
  'META_REPO',
  'ELECTION_DIR',
  'META_DEPLOYMENT',
  'META_PATH',
  'META_BRANCH',
  'META_SECRET',
  'GITHUB_REDIRECT',
  'GITHUB_CLIENT_ID',
  'GITHUB_CLIENT_SECRET',
];

describe("the operator guide's configuration table", () => {
  const rows = configurationRows(readFileSync(join(root, GUIDE), 'utf8'));
  const SECRET = ' **Secret.**';

  it("keeps every Elekto variable under its name, and marks only those as Elekto's", () => {
    expect(
      VARIABLES.filter((v) => v.elekto)
        .map((v) => v.name)
        .sort(),
    ).toEqual([...ELEKTO_VARIABLES].sort());
  });

  it('has one row per variable, and none for a variable the application does not read', () => {
    expect([...rows.keys()].sort()).toEqual(VARIABLES.map((v) => v.name).sort());
  });

  it('gives each variable the origin, default, meaning and secrecy that variables.ts gives it', () => {
    const mismatches: string[] = [];
    for (const v of VARIABLES) {
      const row = rows.get(v.name);
      if (!row) continue;
      const expected = {
        from: v.elekto ? 'Elekto' : 'new',
        default: v.default ? `\`${v.default}\`` : '—',
        meaning: v.description,
        secret: v.secret === true,
      };
      const secret = row.meaning.endsWith(SECRET);
      const actual = { from: row.from, default: row.default, meaning: words(secret ? row.meaning.slice(0, -SECRET.length) : row.meaning), secret };
      for (const k of Object.keys(expected) as Array<keyof typeof expected>) {
        if (actual[k] !== expected[k]) mismatches.push(`${v.name} ${k}: guide says ${JSON.stringify(actual[k])}, variables.ts ${JSON.stringify(expected[k])}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe("the operator guide's CLI table", () => {
  const text = readFileSync(join(root, GUIDE), 'utf8');
  const rows = [...text.matchAll(/^\| `([a-z-]+)`(?: \(`([a-z-]+)`\))? \| (.*) \|$/gm)];
  const commands = buildProgram({ exitCode: 0 }).commands;

  it('lists every command, with its alias', () => {
    expect(rows.map((r) => r[1])).toEqual(commands.map((c) => c.name()));
    for (const c of commands) expect(rows.find((r) => r[1] === c.name())?.[2]).toBe(c.aliases()[0]);
  });

  it('names only options the command defines', () => {
    const unknown: string[] = [];
    for (const [, name, , what] of rows) {
      const options = new Set(['--help', ...(commands.find((c) => c.name() === name)?.options.map((o) => o.long) ?? [])]);
      for (const [option] of what!.matchAll(/--[a-z][a-z-]*/g)) if (!options.has(option)) unknown.push(`${name} ${option}`);
    }
    expect(unknown).toEqual([]);
  });
});
