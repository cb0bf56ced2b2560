import { pino, type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from './config/app-config.js';
import { SECRET_VARIABLES } from './config/variables.js';

export type { Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]" wherever they appear in a log object: every secret
 * variable (as a key of a logged env or config), the config fields holding them, credentials and
 * the headers that carry a session or a token.
 */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_VARIABLES.flatMap((n) => [n, `*.${n}`]),
  'key',
  '*.key',
  'app.key',
  'password',
  '*.password',
  'database.url',
  'database.password',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'identity.github.clientSecret',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'access_token',
  '*.access_token',
  'passphrase',
  '*.passphrase',
  'passcode',
  '*.passcode',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-hub-signature-256"]',
  '*.headers.authorization',
  '*.headers.cookie',
];

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** Readable one-line records for a terminal: `08:15:02 INFO  listening url=http://localhost:5000`. */
export function textStream(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return {
    write(line: string): void {
      let rec: Record<string, unknown>;
      try {
        rec = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const time = new Date(Number(rec.time)).toISOString().slice(11, 19);
      const level = (LEVEL_NAMES[Number(rec.level)] ?? String(rec.level)).padEnd(5);
      const pairs = Object.entries(rec)
        .filter(([k]) => !SKIP.has(k))
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
      const oneLine = pairs.join(' ');
      // Short context stays on the line; long context (start-up summary, errors) gets a line per field.
      const extras = oneLine.length <= 100 ? (oneLine ? `  ${oneLine}` : '') : pairs.map((p) => `\n      ${p}`).join('');
      out.write(`${time} ${level} ${typeof rec.msg === 'string' ? rec.msg : (JSON.stringify(rec.msg) ?? '')}${extras}\n`);
    },
  };
}

export function createLogger(log: AppConfig['log'], destination?: DestinationStream): Logger {
  const options = {
    level: log.level,
    base: undefined,
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  return pino(options, destination ?? (log.format === 'text' ? textStream() : pino.destination(1)));
}
