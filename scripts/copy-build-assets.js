// The HTTP adapter reads its templates and static files next to its modules; tsc copies only code.
// The stamp tells bin/elekto.js that dist/ is as new as the sources it was built from.
import { cpSync, writeFileSync } from 'node:fs';

for (const dir of ['adapters/http/views', 'adapters/http/public']) {
  cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}
writeFileSync('dist/.build-stamp', `${new Date().toISOString()}\n`);
