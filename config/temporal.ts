import { NativeConnection } from '@temporalio/worker';
import { Connection } from '@temporalio/client';
import fs from 'node:fs';
import type { Config } from './index';

function connectionOptions(config: Config) {
  const t = config.temporal;
  const tls = t.tls
    ? {
        clientCertPair:
          t.tlsCertPath && t.tlsKeyPath ? { crt: fs.readFileSync(t.tlsCertPath), key: fs.readFileSync(t.tlsKeyPath) } : undefined,
      }
    : undefined;
  return { address: t.address, tls, apiKey: t.apiKey };
}

export function connectClient(config: Config): Promise<Connection> {
  return Connection.connect(connectionOptions(config));
}

export function connectWorker(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(config));
}
