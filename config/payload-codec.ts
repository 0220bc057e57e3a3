import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** The metadata of Temporal's encryption samples, so their codec servers and tools recognise these payloads. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The keys payloads may be decrypted with; new payloads are encrypted under `encryptionKeyId`. */
export interface PayloadKeyRing {
  encryptionKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class PayloadKeyError extends Error {
  override name = 'PayloadKeyError';
}

export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

/** A bare key's id is derived from the key itself, so the same key always gets the same id. */
export function derivedKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

// Error messages name an entry by its position only: the value is a secret.
function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (!BASE64.test(text) || key.length !== KEY_BYTES) throw new PayloadKeyError(`${where} is not a base64-encoded ${KEY_BYTES}-byte key`);
  return key;
}

/**
 * Parses PAYLOAD_KEY: one base64 key, or a comma-separated list of `id:base64key` (or bare keys,
 * whose id is derived). The first entry encrypts; every entry decrypts, so a rotated-out key stays
 * in the list until no payload of a running or retained workflow is encrypted under it.
 */
export function parsePayloadKeys(text: string): PayloadKeyRing {
  const entries = text.split(',').map((e) => e.trim());
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, i) => {
    const where = entries.length === 1 ? 'the key' : `entry ${i + 1}`;
    if (!entry) throw new PayloadKeyError(`${where} is empty`);
    const colon = entry.indexOf(':');
    const id = colon < 0 ? undefined : entry.slice(0, colon);
    const key = decodeKey(colon < 0 ? entry : entry.slice(colon + 1), where);
    if (id !== undefined && !KEY_ID.test(id)) throw new PayloadKeyError(`${where}: the key id must be 1–64 letters, digits, '.', '_' or '-'`);
    const keyId = id ?? derivedKeyId(key);
    if (keys.has(keyId)) throw new PayloadKeyError(`${where}: key id ${keyId} appears twice`);
    keys.set(keyId, key);
  });
  return { encryptionKeyId: keys.keys().next().value!, keys };
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/**
 * Encrypts every payload with AES-256-GCM: the whole payload (its metadata, which names the JSON
 * encoding, and its data) becomes `iv | ciphertext | tag`, as in Temporal's encryption samples.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly ring: PayloadKeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.ring.encryptionKeyId;
    const key = this.ring.keys.get(keyId)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      return {
        metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(keyId) },
        data: Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Payloads written before encryption was switched on are left as they are.
      if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
      if (!keyId) throw new PayloadDecryptionError('encrypted payload without an encryption-key-id');
      const key = this.ring.keys.get(keyId);
      if (!key) throw new PayloadDecryptionError(`payload encrypted under key id ${keyId}, which PAYLOAD_KEY does not hold`);
      const data = Buffer.from(payload.data ?? []);
      if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`encrypted payload (key id ${keyId}) is truncated`);
      const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new PayloadDecryptionError(`encrypted payload (key id ${keyId}) failed authentication: altered, or encrypted under another key with this id`);
      }
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** Workflow code loads the failure converter inside its sandbox, so it is given by path, also to the bundler. */
export const failureConverterPath = require.resolve('./failure-converter');

/**
 * The data converter of every Laurel client and worker. Failure messages and stack traces are
 * moved into an encoded attribute so the codec encrypts them too (they can quote personal data).
 */
export function encryptingDataConverter(ring: PayloadKeyRing): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(ring)],
    failureConverterPath,
  };
}

function isEncryptedPayload(node: object): node is Payload {
  const metadata = (node as Payload).metadata;
  return typeof metadata === 'object' && metadata !== null && text(metadata[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
}

/**
 * Decrypts, in place, every encrypted payload nested in a message read from Temporal (a history,
 * a described execution): `fetchHistory()` returns payloads as stored, whatever the client's codec.
 */
export async function decryptPayloadsIn<T extends object>(message: T, ring: PayloadKeyRing): Promise<T> {
  const codec = new EncryptionCodec(ring);
  const visit = async (node: unknown): Promise<void> => {
    if (typeof node !== 'object' || node === null || ArrayBuffer.isView(node)) return;
    if (isEncryptedPayload(node)) {
      const [plain] = await codec.decode([node]);
      Object.assign(node, { metadata: plain.metadata, data: plain.data });
      return;
    }
    for (const child of Object.values(node)) await visit(child);
  };
  await visit(message);
  return message;
}
