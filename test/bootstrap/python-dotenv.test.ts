import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/bootstrap/config/app-config.js';
import { loadConfig } from '../../src/bootstrap/config/load-config.js';
import { expandDotenv, parseDotenv } from '../../src/bootstrap/config/python-dotenv.js';
import { readEnv } from '../../src/bootstrap/config/read-env.js';

/** What python-dotenv's dotenv_values(override=False) gives, without the keys it leaves unset. */
function read(text: string, processEnv: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of expandDotenv(parseDotenv(text).bindings, processEnv)) if (v !== null) out[k] = v;
  return out;
}

// Each expected value was produced by python-dotenv 1.2.2 (Elekto's reader) from the same text:
// DotEnv(stream=…, override=False, interpolate=True).dict().
const CASES: Array<[rule: string, text: string, processEnv: Record<string, string>, expected: Record<string, string>]> = [
  ['a # inside an unquoted value is kept (issue 13: the webhook secret was cut)', 'META_SECRET=abc#def\n', {}, { META_SECRET: 'abc#def' }],
  [
    'a # after whitespace starts a comment; right after = it is the value',
    'A=abc #comment\nB=abc\t# tab comment\nC=#notacomment\nD= #x\n',
    {},
    { A: 'abc', B: 'abc', C: '#notacomment', D: '#x' },
  ],
  [
    'spaces around = and trailing ones are dropped; export is allowed',
    'A = spaced  \nexport B=exported\n  C=indented\n',
    {},
    { A: 'spaced', B: 'exported', C: 'indented' },
  ],
  [
    "quotes keep #; single quotes know only \\\\ and \\'",
    "A='single # kept'\nB=\"double # kept\"  # comment\nC='it\\'s'\nD='back\\\\slash \\n stays'\n",
    {},
    { A: 'single # kept', B: 'double # kept', C: "it's", D: 'back\\slash \\n stays' },
  ],
  ['double quotes decode \\n \\t \\" \\\\ and keep unknown escapes', 'A="line\\nbreak\\ttab \\"q\\" \\\\ \\x"\n', {}, { A: 'line\nbreak\ttab "q" \\ \\x' }],
  ['quoted values may span lines', 'A="multi\nline"\nB=\'also\nmulti\'\n', {}, { A: 'multi\nline', B: 'also\nmulti' }],
  [
    '${VAR} and ${VAR:-default} expand from lines above, in single quotes too; $VAR stays',
    "HOST=db\nURL=mysql://${HOST}:${PORT:-3306}/k8s\nRAW=$HOST\nSQ='${HOST}'\n",
    {},
    { HOST: 'db', URL: 'mysql://db:3306/k8s', RAW: '$HOST', SQ: 'db' },
  ],
  [
    'the process environment wins in ${VAR}; the default only when unset, not when empty',
    'HOST=file\nURL=${HOST}\nEMPTY=${UNSET}\nDEF=${E:-d}\n',
    { HOST: 'process', E: '' },
    { HOST: 'file', URL: 'process', EMPTY: '', DEF: '' },
  ],
  ['a bare KEY line unsets the key', 'A=1\nA\nB=${A}\n', {}, { B: '' }],
  ['text after a closing quote skips that statement', 'A="x" trailing\nB=ok\nC=\'y\'z\nD=ok\n', {}, { B: 'ok', D: 'ok' }],
  ['an unclosed quote runs to the next quote, and that statement is skipped', 'A="unterminated\nB=ok\nC="x" trailing\nD=ok\n', {}, { D: 'ok' }],
  [
    'comments, blank lines, CRLF, quoted keys, empty values',
    '# comment\n\n\nA=1\r\nB=2\r\n\'Q K\'=3\nEMPTY=\nE2=""\n',
    {},
    { A: '1', B: '2', 'Q K': '3', EMPTY: '', E2: '' },
  ],
  ['a password with # and spaces, quoted or not', 'P="p#a ss"\nQ=pa ss word\nR=${P}${Q}\n', {}, { P: 'p#a ss', Q: 'pa ss word', R: 'p#a sspa ss word' }],
];

describe("dotenv files are read with python-dotenv's rules, as Elekto read them", () => {
  it.each(CASES)('%s', (_rule, text, processEnv, expected) => {
    expect(read(text, processEnv)).toEqual(expected);
  });

  it('reports the line of each statement python-dotenv would skip', () => {
    expect(parseDotenv('OK=1\n\nA="unterminated\nB=ok\nC="x" trailing\n').badLines).toEqual([3]);
    expect(parseDotenv('A="x" trailing\nB=ok\nC=\'y\'z\nD=ok\n').badLines).toEqual([1, 3]);
    expect(parseDotenv('\uFEFFA=1\n').bindings).toEqual([{ key: 'A', value: '1' }]);
  });
});

describe("readEnv and loadConfig with an operator's .env", () => {
  const base = 'DB_CONNECTION=memory\nELECTION_DIR=elections\nIDENTITY=development\nAPP_ENV=development\n';
  const dir = (files: Record<string, string>): string => {
    const d = mkdtempSync(join(tmpdir(), 'elekto-env-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
    return d;
  };

  it('keeps META_SECRET=abc#def and a database password with # whole (failed before: dotenv cut them at #)', () => {
    const cwd = dir({ '.env': `${base}META_SECRET=abc#def\nDB_PASSWORD=pa#ss  # the password\n` });
    const { env } = readEnv({ env: {}, cwd });
    expect(env.META_SECRET).toBe('abc#def');
    expect(env.DB_PASSWORD).toBe('pa#ss');
    expect(loadConfig({ env: {}, cwd }).meta.secret).toBe('abc#def');
  });

  it('expands ${VAR} and ${VAR:-default} (failed before: kept as written)', () => {
    const cwd = dir({ '.env': `${base}DB_CONNECTION=mysql\nDB_DATABASE=k8s\nDB_USERNAME=\${USER_FROM_ENV}\nDB_PASSWORD=\${DB_PASS:-fallback}\n` });
    const config = loadConfig({ env: { USER_FROM_ENV: 'elekto' }, cwd, purpose: 'tool' });
    expect(config.database).toMatchObject({ dialect: 'mysql', username: 'elekto', password: 'fallback' });
  });

  it('reads the file ENV_FILE names, and says so when it does not exist', () => {
    const cwd = dir({ '.env': 'APP_NAME=wrong\n', 'elekto.env': `${base}APP_NAME=from-env-file\n` });
    expect(loadConfig({ env: { ENV_FILE: 'elekto.env' }, cwd }).app.name).toBe('from-env-file');
    expect(loadConfig({ env: { ENV_FILE: join(cwd, 'elekto.env') }, cwd: tmpdir() }).app.name).toBe('from-env-file');
    const problems = (() => {
      try {
        loadConfig({ env: { ENV_FILE: 'missing.env', DB_CONNECTION: 'memory', ELECTION_DIR: 'e', IDENTITY: 'development', APP_ENV: 'development' }, cwd });
      } catch (e) {
        if (e instanceof ConfigError) return e.problems;
      }
      return [];
    })();
    expect(problems).toEqual([`ENV_FILE: ${join(cwd, 'missing.env')} does not exist`]);
  });

  it('names the line it cannot read, without showing its content', () => {
    const cwd = dir({ '.env': `${base}APP_KEY="s3cret\n` });
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/line 5 is not a KEY=value statement/);
    expect(() => loadConfig({ env: {}, cwd })).not.toThrow(/s3cret/);
  });

  it('lets the process environment win, and an empty process value leave the file value', () => {
    const cwd = dir({ '.env': `${base}APP_NAME=file\nAPP_URL=https://file.example\n` });
    const { env } = readEnv({ env: { APP_NAME: ' process ', APP_URL: '' }, cwd });
    expect(env).toMatchObject({ APP_NAME: 'process', APP_URL: 'https://file.example' });
  });
});
