import { createRequire } from 'node:module';

/**
 * Where Argon2 runs: `native` is libsodium itself through sodium-native's prebuilt addon (faster, and
 * its memory goes back to the system after each derivation); `wasm` is libsodium-wrappers-sumo, which
 * installs everywhere. Both are the same libsodium, so keys are identical bit for bit
 * (test/adapters/crypto/kdf-backends.test.ts). `auto` takes native when it loads, else wasm.
 */
export type KdfBackend = 'native' | 'wasm' | 'auto';

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('libsodium-wrappers-sumo');
const nativePath = ((): string | null => {
  try {
    return require.resolve('sodium-native');
  } catch {
    return null; // not installed (it is an ordinary dependency, but a packager may leave it out)
  }
})();

/** What a worker needs to load its libsodium; resolved here so the process's cwd is irrelevant. */
export function kdfWorkerData(backend: KdfBackend = 'auto'): { nativePath: string | null; wasmPath: string; backend: KdfBackend } {
  return { nativePath, wasmPath, backend };
}

let detected: 'native' | 'wasm' | undefined;

/** The backend `auto` resolves to in this process (loading the addon once to find out). */
export function availableKdfBackend(): 'native' | 'wasm' {
  if (detected === undefined) {
    try {
      if (nativePath === null) throw new Error('not installed');
      const native = require(nativePath) as { crypto_pwhash?: unknown };
      detected = typeof native.crypto_pwhash === 'function' ? 'native' : 'wasm';
    } catch {
      detected = 'wasm';
    }
  }
  return detected;
}

/**
 * The code each KDF worker runs, as a CommonJS string for `new Worker(source, { eval: true })`:
 * this way the same file works under tsx, Jest and a compiled build without a separate .js asset.
 * A worker whose native addon fails to load (no prebuilt binary for this platform) falls back to wasm
 * unless `native` was demanded; then each job fails with the loading error.
 */
export const KDF_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let derive;
let nativeError = null;
if (workerData.backend !== 'wasm' && workerData.nativePath) {
  try {
    const native = require(workerData.nativePath);
    derive = (job) => {
      const key = new Uint8Array(job.keyLength);
      native.crypto_pwhash(key, Buffer.from(job.password, 'utf8'), job.salt, job.opsLimit, job.memLimit, job.alg);
      return Promise.resolve(key);
    };
  } catch (e) {
    nativeError = String((e && e.message) || e);
  }
}
if (!derive && workerData.backend === 'native') {
  const reason = nativeError || 'sodium-native is not installed';
  derive = () => Promise.reject(new Error('native libsodium unavailable: ' + reason));
}
if (!derive) {
  const sodium = require(workerData.wasmPath);
  derive = (job) => sodium.ready.then(() => sodium.crypto_pwhash(job.keyLength, job.password, job.salt, job.opsLimit, job.memLimit, job.alg));
}
parentPort.on('message', (job) => {
  derive(job).then((key) => {
    parentPort.postMessage({ id: job.id, key }, [key.buffer]);
  }).catch((e) => {
    parentPort.postMessage({ id: job.id, error: String((e && e.message) || e) });
  });
});
`;
