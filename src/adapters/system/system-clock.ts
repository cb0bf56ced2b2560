import type { Clock } from '../../application/ports/clock.js';

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that says what it is told; for tests and for replaying a moment. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
}
