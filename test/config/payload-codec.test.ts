import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Payload } from '@temporalio/common';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { decodeOptionalFailureToOptionalError, encodeErrorToFailure, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { ConfigError, loadConfig, payloadKeyRing, projectRoot } from '../../config';
import {
  ENCRYPTED_ENCODING,
  EncryptionCodec,
  KEY_ID_METADATA,
  PayloadDecryptionError,
  decryptPayloadsIn,
  derivedKeyId,
  encryptingDataConverter,
  failureConverterPath,
  parsePayloadKeys,
} from '../../config/payload-codec';

const PHONE = '13907315526';
const newKey = () => randomBytes(32).toString('base64');
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const plainPayload = () => defaultPayloadConverter.toPayload({ caseId: 'c-1', comment: `已电话 ${PHONE} 核实` });

function tampered(payload: Payload, at: (data: Buffer) => number): Payload {
  const data = Buffer.from(payload.data!);
  data[at(data)] ^= 0x01;
  return { ...payload, data };
}

test('an encrypted payload names its encoding and key id, hides the value, and decodes to the original payload', async () => {
  const ring = parsePayloadKeys(`k1:${newKey()}`);
  const codec = new EncryptionCodec(ring);
  const original = plainPayload();
  const [encoded] = await codec.encode([original]);
  expect(text(encoded.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
  expect(text(encoded.metadata![KEY_ID_METADATA])).toBe('k1');
  expect(text(encoded.data)).not.toContain(PHONE);
  expect(text(encoded.data)).not.toContain('json/plain');

  const [decoded] = await codec.decode([encoded]);
  expect(text(decoded.metadata!.encoding)).toBe('json/plain');
  expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ caseId: 'c-1', comment: `已电话 ${PHONE} 核实` });
});

test('the same payload encrypts differently each time (a fresh IV per payload)', async () => {
  const codec = new EncryptionCodec(parsePayloadKeys(newKey()));
  const [a, b] = await codec.encode([plainPayload(), plainPayload()]);
  expect(Buffer.from(a.data!).subarray(0, 12).equals(Buffer.from(b.data!).subarray(0, 12))).toBe(false);
  expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
});

test('rotation: with a new key put first, payloads under the old key still decode and new payloads use the new key id', async () => {
  const [oldKey, freshKey] = [newKey(), newKey()];
  const [underOld] = await new EncryptionCodec(parsePayloadKeys(`2025:${oldKey}`)).encode([plainPayload()]);

  const rotated = new EncryptionCodec(parsePayloadKeys(`2026:${freshKey},2025:${oldKey}`));
  expect(defaultPayloadConverter.fromPayload((await rotated.decode([underOld]))[0])).toMatchObject({ caseId: 'c-1' });
  const [underNew] = await rotated.encode([plainPayload()]);
  expect(text(underNew.metadata![KEY_ID_METADATA])).toBe('2026');

  // Once the old key is dropped, what it encrypted can no longer be read: it must stay listed until then.
  await expect(new EncryptionCodec(parsePayloadKeys(`2026:${freshKey}`)).decode([underOld])).rejects.toThrow(/key id 2025, which PAYLOAD_KEY does not hold/);
});

test('a bare key keeps its derived id when a new key is put before it, so payloads it encrypted stay readable', async () => {
  const bare = newKey();
  const [before] = await new EncryptionCodec(parsePayloadKeys(bare)).encode([plainPayload()]);
  expect(text(before.metadata![KEY_ID_METADATA])).toBe(derivedKeyId(Buffer.from(bare, 'base64')));
  expect(text(before.metadata![KEY_ID_METADATA])).toMatch(/^[0-9a-f]{8}$/);
  const rotated = new EncryptionCodec(parsePayloadKeys(`next:${newKey()},${bare}`));
  expect(defaultPayloadConverter.fromPayload((await rotated.decode([before]))[0])).toMatchObject({ caseId: 'c-1' });
});

test('a payload altered in its IV, ciphertext or tag, or relabelled with another key id, is refused', async () => {
  const ring = parsePayloadKeys(`a:${newKey()},b:${newKey()}`);
  const codec = new EncryptionCodec(ring);
  const [encoded] = await codec.encode([plainPayload()]);
  for (const at of [() => 0, (_d: Buffer) => 20, (d: Buffer) => d.length - 1]) {
    await expect(codec.decode([tampered(encoded, at)])).rejects.toThrow(PayloadDecryptionError);
    await expect(codec.decode([tampered(encoded, at)])).rejects.toThrow(/key id a\) failed authentication/);
  }
  const relabelled = { ...encoded, metadata: { ...encoded.metadata, [KEY_ID_METADATA]: Buffer.from('b') } };
  await expect(codec.decode([relabelled])).rejects.toThrow(/key id b\) failed authentication/);
  await expect(codec.decode([{ ...encoded, data: Buffer.from(encoded.data!).subarray(0, 20) }])).rejects.toThrow(/truncated/);
});

test('a payload under a key id the ring does not hold is refused, naming the id', async () => {
  const [encoded] = await new EncryptionCodec(parsePayloadKeys(`elsewhere:${newKey()}`)).encode([plainPayload()]);
  await expect(new EncryptionCodec(parsePayloadKeys(`here:${newKey()}`)).decode([encoded])).rejects.toThrow(
    new PayloadDecryptionError('payload encrypted under key id elsewhere, which PAYLOAD_KEY does not hold'),
  );
});

test('payloads not marked encrypted (written before encryption was on) pass through unchanged', async () => {
  const codec = new EncryptionCodec(parsePayloadKeys(newKey()));
  const plain = plainPayload();
  const [out] = await codec.decode([plain]);
  expect(out).toBe(plain);
});

test('a failure message is encrypted with the payloads and restored by a client holding the key', async () => {
  const converter = loadDataConverter(encryptingDataConverter(parsePayloadKeys(newKey())));
  const failure = await encodeErrorToFailure(converter, ApplicationFailure.create({ message: `无法联系 ${PHONE}`, type: 'x' }));
  expect(failure.message).not.toContain(PHONE);
  expect(JSON.stringify(failure)).not.toContain(PHONE);
  expect(text(failure.encodedAttributes!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
  const restored = await decodeOptionalFailureToOptionalError(converter, failure);
  expect(restored!.message).toBe(`无法联系 ${PHONE}`);
});

test('decryptPayloadsIn decrypts every encrypted payload nested in a fetched message, in place', async () => {
  const ring = parsePayloadKeys(newKey());
  const [a, b] = await new EncryptionCodec(ring).encode([plainPayload(), defaultPayloadConverter.toPayload('二')]);
  const message = { events: [{ input: { payloads: [a] } }, { result: { payloads: [b] }, other: 3 }] };
  expect(JSON.stringify(message)).not.toContain('json/plain');
  await decryptPayloadsIn(message, ring);
  expect(defaultPayloadConverter.fromPayload(message.events[0].input!.payloads[0])).toMatchObject({ caseId: 'c-1' });
  expect(defaultPayloadConverter.fromPayload(message.events[1].result!.payloads[0])).toBe('二');
});

describe('PAYLOAD_KEY format', () => {
  test('one base64 32-byte key, or id:key entries with the first encrypting', () => {
    const bare = newKey();
    expect(parsePayloadKeys(bare).encryptionKeyId).toBe(derivedKeyId(Buffer.from(bare, 'base64')));
    const ring = parsePayloadKeys(` new:${newKey()} , old:${newKey()}`);
    expect(ring.encryptionKeyId).toBe('new');
    expect([...ring.keys.keys()]).toEqual(['new', 'old']);
  });

  test.each([
    ['a key of the wrong length', randomBytes(16).toString('base64'), /not a base64-encoded 32-byte key/],
    ['a key that is not base64', `${'!'.repeat(43)}=`, /not a base64-encoded 32-byte key/],
    ['an empty entry', `a:${newKey()},`, /entry 2 is empty/],
    ['a malformed id', `bad id:${newKey()}`, /key id must be/],
    ['an id given twice', `x:${newKey()},x:${newKey()}`, /key id x appears twice/],
  ])('%s is refused at start-up, naming PAYLOAD_KEY without echoing the value', (_, value, reason) => {
    expect(() => loadConfig({ PAYLOAD_KEY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ PAYLOAD_KEY: value })).toThrow(reason);
    try {
      loadConfig({ PAYLOAD_KEY: value });
    } catch (err) {
      expect((err as Error).message).toMatch(/PAYLOAD_KEY/);
      expect((err as Error).message).not.toContain(value.split(',')[0].split(':').pop());
    }
  });

  test('production refuses to start without PAYLOAD_KEY', () => {
    // Other settings production requires may be missing too: only what is said about PAYLOAD_KEY counts here.
    const complaints = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    };
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/laurel', TEMPORAL_ADDRESS: 'temporal:7233', SMTP_URL: 'smtp://mail' };
    expect(complaints(production)).toMatch(/PAYLOAD_KEY: is required in production/);
    expect(complaints({ ...production, PAYLOAD_KEY: `p1:${newKey()}` })).not.toMatch(/PAYLOAD_KEY/);
  });
});

describe('the development key file', () => {
  let varDir: string;
  beforeEach(() => {
    varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-payload-key-'));
  });
  afterEach(() => fs.rmSync(varDir, { recursive: true, force: true }));

  test('without PAYLOAD_KEY a key is made once in <varDir>/payload.key, readable only by its owner, and reused', () => {
    const config = loadConfig({ VAR_DIR: varDir });
    const first = payloadKeyRing(config);
    const file = path.join(varDir, 'payload.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(payloadKeyRing(loadConfig({ VAR_DIR: varDir })).keys.get(first.encryptionKeyId)).toEqual(first.keys.get(first.encryptionKeyId));
    expect(fs.readdirSync(varDir)).toEqual(['payload.key']);
  });

  test('PAYLOAD_KEY, when set, is used and no key file is made', () => {
    expect(payloadKeyRing(loadConfig({ VAR_DIR: varDir, PAYLOAD_KEY: `set:${newKey()}` })).encryptionKeyId).toBe('set');
    expect(fs.readdirSync(varDir)).toEqual([]);
  });

  test('processes that start at the same moment all end up with the one same key', async () => {
    const script = "const c = require('./config'); process.stdout.write(c.payloadKeyRing(c.loadConfig(process.env)).encryptionKeyId);";
    const { PAYLOAD_KEY: _, ...env } = process.env;
    const run = () =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', '-e', script], { cwd: projectRoot, env: { ...env, VAR_DIR: varDir } }, (err, stdout) =>
          err ? reject(err) : resolve(stdout),
        ),
      );
    const ids = await Promise.all(Array.from({ length: 6 }, run));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(ids)).toEqual(new Set([ids[0]]));
    expect(fs.readdirSync(varDir)).toEqual(['payload.key']);
  });
});

test('the failure converter bundles into workflow code, as the prebuilt bundle needs it', async () => {
  const { bundleWorkflowCode } = await import('@temporalio/worker');
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    failureConverterPath,
    logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } as never,
  });
  expect(bundle.code).toContain('encodeCommonAttributes: true');
}, 120_000);
