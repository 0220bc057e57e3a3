import http from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { Config } from '../../config';

/**
 * The HTTP server with the timeouts that cut slow clients: headers within their allowance, the
 * longest request (an upload, after its headers) within its own; `bodyDeadline` holds ordinary
 * bodies to their shorter one.
 */
export function createHttpServer(app: RequestListener, timeouts: Config['http']): Server {
  const server = http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.headersTimeoutMs + timeouts.uploadTimeoutMs,
      // Node looks for connections past those timeouts this often; its default, 30 s, would let a
      // 10 s allowance run to 40.
      connectionsCheckingInterval: Math.min(1000, Math.max(25, Math.floor(timeouts.headersTimeoutMs / 4))),
    },
    app,
  );
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  return server;
}
