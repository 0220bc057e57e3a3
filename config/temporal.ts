import { NativeConnection } from '@temporalio/worker';
import { Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import fs from 'node:fs';
import type { Config } from './index';
import { payloadKeyRing } from './index';
import { encryptingDataConverter } from './payload-codec';

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

/** A connection made on first use: for tools that may have nothing to ask Temporal. */
export function lazyClient(config: Config): Connection {
  return Connection.lazy(connectionOptions(config));
}

export function connectWorker(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(config));
}

/**
 * Every client and worker must use it: the Temporal server, its storage and its Web UI then hold
 * only ciphertext, and a client without it cannot read what a worker wrote.
 */
export function dataConverter(config: Config): DataConverter {
  return encryptingDataConverter(payloadKeyRing(config));
}
