import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/errors.js';
import { RateLimitedWarning, type WarningLogger } from '../shared/rate-limited-warning.js';
import { FairQueue } from './fair-queue.js';
import { KDF_WORKER_SOURCE, type KdfBackend, kdfWorkerData } from './kdf-worker-source.js';
import type { SealScheme } from '../shared/seal-scheme.js';

export interface KdfRequest {
  readonly password: string;
  readonly salt: Uint8Array;
  readonly scheme: SealScheme;
  /** Whose request this is (a voter): waiting derivations are served one requester at a time, in turn. */
  readonly requester?: string;
}

export interface KdfPoolOptions {
  /** Derivations running at once; each holds its scheme's memory. Default: the number of cores. */
  readonly size?: number;
  /** Derivations allowed to wait; beyond that a request is refused at once rather than queued. */
  readonly maxQueue?: number;
  /** A worker whose wasm heap grew past this is replaced after its job: wasm memory never shrinks. */
  readonly retireAboveBytes?: number;
  /** Told when requests are refused for a full queue: at most one warning per `overloadWarningEveryMs`. */
  readonly logger?: WarningLogger;
  readonly overloadWarningEveryMs?: number;
  /** Native libsodium when it loads (default `auto`), else WebAssembly; tests pin one to compare. */
  readonly backend?: KdfBackend;
  /** Told how the wait list changes (metrics); it must not throw. */
  readonly observer?: KdfQueueObserver;
}

export interface KdfQueueObserver {
  /** The wait list's length, after each change. */
  depth(waiting: number): void;
  /** A derivation left the wait list for a worker after this many milliseconds. */
  waited(ms: number): void;
}

interface Job extends KdfRequest {
  readonly id: number;
  readonly queuedAt: number;
  resolve(key: Uint8Array): void;
  reject(e: Error): void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
}

const ALG = { argon2i13: 1, argon2id13: 2 } as const;

/**
 * Argon2 runs here, off the event loop, at most `size` at a time, with a bounded wait list that
 * serves requesters in turn (one voter's backlog waits behind everyone else's next request).
 */
export class KdfWorkerPool {
  readonly size: number;
  readonly maxQueue: number;
  private readonly retireAbove: number;
  private readonly workerData: ReturnType<typeof kdfWorkerData>;
  private readonly slots: Slot[] = [];
  private readonly queue = new FairQueue<Job>();
  private readonly overload: RateLimitedWarning | null;
  private nextId = 1;
  private closed = false;
  private readonly observer: KdfQueueObserver | undefined;

  constructor(options: KdfPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.maxQueue = Math.max(0, options.maxQueue ?? 64 * this.size);
    this.retireAbove = options.retireAboveBytes ?? 128 * 1024 * 1024;
    this.overload = options.logger
      ? new RateLimitedWarning(options.logger, 'key-derivation queue full: refusing ballot requests with 503', options.overloadWarningEveryMs)
      : null;
    this.workerData = kdfWorkerData(options.backend);
    this.observer = options.observer;
  }

  derive(request: KdfRequest): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('The key-derivation pool is closed'));
    if (this.queue.size >= this.maxQueue && !this.slots.some((s) => s.job === null) && this.slots.length >= this.size) {
      this.overload?.warn({ waiting: this.queue.size, workers: this.slots.length });
      return Promise.reject(new DomainError('SERVER_BUSY', 'Too many ballots are being sealed right now; please try again in a moment.'));
    }
    return new Promise<Uint8Array>((resolve, reject) => {
      this.queue.push(request.requester ?? '', { ...request, id: this.nextId++, queuedAt: performance.now(), resolve, reject });
      this.pump();
      this.observer?.depth(this.queue.size);
    });
  }

  /** How many derivations wait for a worker (for health and tests). */
  get waiting(): number {
    return this.queue.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.drain()) job.reject(new Error('The key-derivation pool was closed'));
    this.observer?.depth(0);
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.size > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    this.observer?.waited(performance.now() - job.queuedAt);
    this.observer?.depth(this.queue.size);
    slot.worker.ref(); // a pending derivation keeps a CLI process alive; an idle worker does not
    const { id, password, salt, scheme } = job;
    slot.worker.postMessage({
      id,
      password,
      salt,
      keyLength: 32,
      opsLimit: scheme.opsLimit,
      memLimit: scheme.memLimitBytes,
      alg: ALG[scheme.algorithm],
    });
  }

  private spawn(): Slot {
    const worker = new Worker(KDF_WORKER_SOURCE, { eval: true, workerData: this.workerData });
    const slot: Slot = { worker, job: null };
    worker.unref();
    worker.on('message', (msg: { id: number; key?: Uint8Array; error?: string }) => {
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      slot.job = null;
      worker.unref();
      if (msg.key) job.resolve(new Uint8Array(msg.key));
      else job.reject(new Error(`Key derivation failed: ${msg.error ?? 'unknown error'}`));
      if (job.scheme.memLimitBytes > this.retireAbove) this.retire(slot);
      this.pump();
    });
    const fail = (e: Error) => {
      const job = slot.job;
      slot.job = null;
      this.remove(slot);
      job?.reject(new Error(`Key derivation worker stopped: ${e.message}`));
      if (!this.closed) this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`exit code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  private retire(slot: Slot): void {
    this.remove(slot);
    void slot.worker.terminate();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }
}
