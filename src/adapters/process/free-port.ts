import { createServer } from 'node:net';

/**
 * Asks the OS for a free TCP port: binds a probe on port 0, reads the port, closes the probe.
 * Another program could take the port in between; the window is small, and a service that fails
 * to bind then fails its health check with a clear message.
 *
 * @example
 * const port = await freePort(); // e.g. 41873
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ port: 0, host, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
