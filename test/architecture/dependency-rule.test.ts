/**
 * The dependency rule of ARCHITECTURE.md, checked mechanically: the domain imports only itself;
 * the application imports only the domain and itself; neither imports a framework, an I/O module,
 * reads the clock or randomness directly, or uses decorators.
 *
 * Adapters are rooms: a family (src/adapters/<family>/) imports the domain, the application, its
 * own files and src/adapters/shared/ — never another family's files, never src/bootstrap. A piece
 * two families need (a stored format, a setting both sides must agree on) moves to shared/, which
 * itself imports no family. Only bootstrap puts rooms together.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname ?? dirname(new URL(import.meta.url).pathname), '../..');
const src = join(root, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function layerOf(absPath: string): string {
  return relative(src, absPath).split('/')[0] ?? '';
}

const FORBIDDEN_GLOBALS: Array<[RegExp, string]> = [
  [/\bDate\.now\(/, 'reads the clock (use the Clock port)'],
  [/\bnew Date\(\s*\)/, 'reads the clock (use the Clock port)'],
  [/\bMath\.random\(/, 'uses Math.random (use the Random port)'],
  [/\bcrypto\.(randomUUID|getRandomValues|randomBytes)\(/, 'reads randomness (use the Random port)'],
  [/\bprocess\.(env|argv|exit|stdout|stderr)\b/, 'touches the process'],
  [/\b(setTimeout|setInterval|setImmediate)\(/, 'schedules work itself'],
  [/(?<![\w.])fetch\((?!\))/, 'does network I/O'],
];

/** Where an import lands: a layer, or `adapters/<family>` inside the adapters. */
function roomOf(absPath: string): string {
  const [layer = '', family = ''] = relative(src, absPath).split('/');
  return layer === 'adapters' ? `adapters/${family}` : layer;
}

/** The adapter rule for one file, from its path and its import specifiers (self-tested below). */
function adapterViolations(file: string, specs: readonly string[]): string[] {
  const own = roomOf(file);
  const rel = relative(root, file);
  return specs
    .filter((spec) => spec.startsWith('.'))
    .flatMap((spec) => {
      const target = roomOf(resolve(dirname(file), spec));
      if (target === own || target === 'domain' || target === 'application') return [];
      if (target === 'adapters/shared') return [];
      return [`${rel} imports ${spec} (${target === 'bootstrap' ? 'bootstrap' : `family "${target}"`})`];
    });
}

function adapterRoomViolations(): string[] {
  return tsFiles(join(src, 'adapters')).flatMap((file) => adapterViolations(file, importsOf(file)));
}

/** The core rule for one file, given its path and text (so the self-test can feed it a bad file). */
function fileViolations(file: string, text: string, layer: 'domain' | 'application'): string[] {
  const allowed = layer === 'domain' ? ['domain'] : ['domain', 'application'];
  const problems: string[] = [];
  const rel = relative(root, file);
  for (const f of ts.preProcessFile(text, true, true).importedFiles) {
    const spec = f.fileName;
    if (!spec.startsWith('.')) {
      problems.push(`${rel} imports package "${spec}"`);
      continue;
    }
    const target = layerOf(resolve(dirname(file), spec));
    if (!allowed.includes(target)) problems.push(`${rel} imports ${spec} (layer "${target}")`);
  }
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isDecorator(node)) problems.push(`${rel} uses a decorator`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  for (const [pattern, what] of FORBIDDEN_GLOBALS) {
    if (pattern.test(code)) problems.push(`${rel} ${what}`);
  }
  return problems;
}

function violations(layer: 'domain' | 'application'): string[] {
  return tsFiles(join(src, layer)).flatMap((file) => fileViolations(file, readFileSync(file, 'utf8'), layer));
}

describe('the dependency rule', () => {
  it('keeps src/domain free of frameworks, I/O and outer layers', () => {
    expect(violations('domain')).toEqual([]);
  });

  it('keeps src/application free of frameworks, I/O, adapters and bootstrap', () => {
    expect(violations('application')).toEqual([]);
  });

  it('keeps each adapter family to its own room: no other family, no bootstrap', () => {
    expect(adapterRoomViolations()).toEqual([]);
  });

  it('notices a violation when there is one (the check itself works)', () => {
    const info = ts.preProcessFile("import Koa from 'koa';\nimport { x } from '../adapters/y.js';", true, true);
    expect(info.importedFiles.map((f) => f.fileName)).toEqual(['koa', '../adapters/y.js']);
    // A violating file fed to the same checks the tests above run.
    const bad = join(src, 'application', 'voting', 'bad-use-case.ts');
    const badText = "import Koa from 'koa';\nimport { x } from '../../adapters/http/y.js';\n@dec class A {}\nconst t = Date.now();";
    expect(fileViolations(bad, badText, 'application')).toEqual([
      'src/application/voting/bad-use-case.ts imports package "koa"',
      'src/application/voting/bad-use-case.ts imports ../../adapters/http/y.js (layer "adapters")',
      'src/application/voting/bad-use-case.ts uses a decorator',
      'src/application/voting/bad-use-case.ts reads the clock (use the Clock port)',
    ]);
    const adapter = join(src, 'adapters', 'persistence', 'typeorm', 'x.ts');
    expect(
      adapterViolations(adapter, [
        '../../crypto/seal-scheme.js',
        '../../../bootstrap/tokens.js',
        '../../shared/seal-scheme.js',
        './y.js',
        '../../../domain/errors.js',
        'typeorm',
      ]),
    ).toEqual([
      'src/adapters/persistence/typeorm/x.ts imports ../../crypto/seal-scheme.js (family "adapters/crypto")',
      'src/adapters/persistence/typeorm/x.ts imports ../../../bootstrap/tokens.js (bootstrap)',
    ]);
  });
});
