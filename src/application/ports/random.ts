/** Secure randomness for the core, which may not touch crypto APIs itself. */
export interface Random {
  bytes(length: number): Uint8Array;
  /** A random UUID v4, canonical 36-character form. */
  uuid(): string;
  /** A new array in uniformly random order (Fisher–Yates over secure random numbers). */
  shuffle<T>(items: readonly T[]): T[];
}
