import http from 'node:http';
import net from 'node:net';
import { CODEC_PATH } from '../api/routes/codec';

// The dev server's Web UI as `npm start` serves it: behind a small proxy on the UI's port, which
// sends the codec's path to Laurel's API and everything else to the UI. The UI's codec requests
// are then same-origin, so the browser sends the cookie Laurel set when the developer signed in
// as the secretariat or an auditor (cookies belong to the host, whatever its port), and payloads
// show decrypted at once. The dev server's UI cannot be told to send cross-origin credentials;
// a production Web UI is configured to (README, "Operating Laurel").

/** A port nothing listens on now, for the UI behind the proxy. */
export async function freeLocalPort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The `temporal server start-dev` flags for its Web UI: on a port of its own, with the codec
 * endpoint at the proxy's address (a path, so that it is same-origin however the UI was opened:
 * localhost or 127.0.0.1).
 */
export function webUiFlags(internalUiPort: number): string[] {
  return ['--ui-port', String(internalUiPort), '--ui-codec-endpoint', CODEC_PATH];
}

export interface WebUiProxy {
  port: number;
  close(): Promise<void>;
}

const isCodecPath = (url: string) => url === CODEC_PATH || url.startsWith(`${CODEC_PATH}/`) || url.startsWith(`${CODEC_PATH}?`);

/** Listens on `host:port` and forwards the codec's path to the API, everything else to the UI. */
export async function startWebUiProxy({ host = '127.0.0.1', port, uiPort, apiPort }: { host?: string; port: number; uiPort: number; apiPort: number }): Promise<WebUiProxy> {
  const server = http.createServer((req, res) => {
    const toApi = isCodecPath(req.url ?? '/');
    const upstream = http.request({ host: '127.0.0.1', port: toApi ? apiPort : uiPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(toApi ? 'Laurel API unreachable\n' : 'Temporal Web UI unreachable\n');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
