// The HTTP adapter reads its templates and static files next to its modules; tsc copies only code.
import { cpSync } from 'node:fs';

for (const dir of ['adapters/http/views', 'adapters/http/public']) {
  cpSync(`src/${dir}`, `dist/${dir}`, { recursive: true });
}
