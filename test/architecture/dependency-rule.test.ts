/**
 * The dependency rule of ARCHITECTURE.md, checked mechanically: the domain imports only itself;
 * the application imports only the domain and itself; neither imports a framework, an I/O module,
 * reads the clock or randomness directly, or uses decorators.
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

function violations(layer: 'domain' | 'application'): string[] {
  const allowed = layer === 'domain' ? ['domain'] : ['domain', 'application'];
  const problems: string[] = [];
  for (const file of tsFiles(join(src, layer))) {
    const rel = relative(root, file);
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) {
        problems.push(`${rel} imports package "${spec}"`);
        continue;
      }
      const target = layerOf(resolve(dirname(file), spec));
      if (!allowed.includes(target)) problems.push(`${rel} imports ${spec} (layer "${target}")`);
    }
    const text = readFileSync(file, 'utf8');
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
  }
  return problems;
}

describe('the dependency rule', () => {
  it('keeps src/domain free of frameworks, I/O and outer layers', () => {
    expect(violations('domain')).toEqual([]);
  });

  it('keeps src/application free of frameworks, I/O, adapters and bootstrap', () => {
    expect(violations('application')).toEqual([]);
  });

  it('notices a violation when there is one (the check itself works)', () => {
    const info = ts.preProcessFile("import Koa from 'koa';\nimport { x } from '../adapters/y.js';", true, true);
    expect(info.importedFiles.map((f) => f.fileName)).toEqual(['koa', '../adapters/y.js']);
  });
});
