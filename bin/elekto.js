#!/usr/bin/env node
// `npx elekto` needs no build step: it runs the compiled dist/ when that is at least as new as every
// source file (npm install builds it through `prepare`), and the TypeScript sources through tsx
// otherwise (a developer's edited checkout). dist/ starts about half a second faster. An installed
// package ships dist/ without src/ or tsx: then dist/ it is.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist/.build-stamp');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = join(root, 'src');
const compiled = existsSync(stamp) && (!existsSync(sources) || (process.env.ELEKTO_FROM_SOURCE !== '1' && statSync(stamp).mtimeMs >= newestSource(sources)));
if (compiled) {
  await import('../dist/bootstrap/cli/elekto.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/bootstrap/cli/elekto.ts');
}
