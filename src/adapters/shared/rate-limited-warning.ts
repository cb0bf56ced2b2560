/** The slice of a pino logger a warning needs. */
export interface WarningLogger {
  warn(obj: object, msg: string): void;
}

/**
 * One warning per `everyMs` at most, however often the condition recurs. Each line says how many
 * occurrences it stands for (`times`): the first at once, those held back with the next line, or on
 * their own once the interval has passed. A burst of a thousand refusals is a few lines with numbers.
 */
export class RateLimitedWarning {
  private lastAt = -Infinity;
  private held = 0;
  private flush: NodeJS.Timeout | null = null;
  private latest: object = {};

  constructor(
    private readonly logger: WarningLogger,
    private readonly message: string,
    private readonly everyMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(context: object = {}): void {
    this.latest = context;
    this.held++;
    const t = this.now();
    if (t - this.lastAt >= this.everyMs) return this.emit();
    this.flush ??= setTimeout(() => this.emit(), this.lastAt + this.everyMs - t).unref();
  }

  private emit(): void {
    if (this.flush) clearTimeout(this.flush);
    this.flush = null;
    const times = this.held;
    this.lastAt = this.now();
    this.held = 0;
    this.logger.warn({ ...this.latest, times }, times > 1 ? `${this.message} (${times} times since the last warning)` : this.message);
  }
}
