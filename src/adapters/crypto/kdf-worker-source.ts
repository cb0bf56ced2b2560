/**
 * The code each KDF worker runs, as a CommonJS string for `new Worker(source, { eval: true })`:
 * this way the same file works under tsx, Jest and a compiled build without a separate .js asset.
 * libsodium is loaded from the absolute path the parent resolved, so the process's cwd is irrelevant.
 */
export const KDF_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
parentPort.on('message', (job) => {
  sodium.ready.then(() => {
    const key = sodium.crypto_pwhash(job.keyLength, job.password, job.salt, job.opsLimit, job.memLimit, job.alg);
    parentPort.postMessage({ id: job.id, key }, [key.buffer]);
  }).catch((e) => {
    parentPort.postMessage({ id: job.id, error: String((e && e.message) || e) });
  });
});
`;
