/** The slice of a pino logger the web front uses (pino's own Logger fits it). */
export interface HttpLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: HttpLogger = { info() {}, warn() {}, error() {} };
