// Signs the bench platform's id_tokens off the bench's main thread (bench/launch.bench.ts --sign worker).
// Same key, same header and same claims as TestPlatform.idTokenFor; only the thread differs.
import { parentPort, workerData } from 'node:worker_threads';
import { SignJWT, importJWK } from 'jose';

const key = await importJWK(workerData.jwk, 'RS256');
parentPort.on('message', ({ id, payload }) => {
  new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: workerData.kid })
    .sign(key)
    .then(
      (token) => parentPort.postMessage({ id, token }),
      (err) => parentPort.postMessage({ id, error: String(err) }),
    );
});
parentPort.postMessage({ ready: true });
