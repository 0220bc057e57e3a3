import type { Payload } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { payloadKeyRing } from '../config';
import { ENCRYPTED_ENCODING, EncryptionCodec, PayloadDecryptionError } from '../config/payload-codec';
import { appendAuditEntry } from '../db/audit-log';
import type { StaffUser } from '../domain/access';
import { unprocessable } from '../domain/errors';
import type { UseCaseDeps } from './deps';

/** Roles that may read payloads in clear through the codec endpoint (the Temporal Web UI, `temporal … --codec-endpoint`). */
export const DECODING_ROLES = ['secretariat', 'auditor'] as const;
/** Encoding only serves writing into workflows from the Web UI: the secretariat's; auditors write nothing. */
export const ENCODING_ROLES = ['secretariat'] as const;

const isEncrypted = (p: Payload) => Buffer.from(p.metadata?.[METADATA_ENCODING_KEY] ?? []).toString('utf8') === ENCRYPTED_ENCODING;

export interface CodecCall {
  /** The Temporal namespace the Web UI names (its `X-Namespace` header), if any. */
  namespace?: string;
  /** How the caller proved who it is: a bearer token, or the session cookie the Web UI sends. */
  credential: 'token' | 'cookie';
}

/**
 * Temporal's codec server protocol over Laurel's payload codec: the Web UI and the CLI send the
 * payloads they hold and get them back decrypted (or encrypted). Each non-empty call is written to
 * the audit chain — who, how many payloads, never what they hold.
 */
export function payloadCodec({ db, config }: Pick<UseCaseDeps, 'db' | 'config'>) {
  const codec = new EncryptionCodec(payloadKeyRing(config));
  return {
    async decode(user: StaffUser, payloads: Payload[], call: CodecCall): Promise<Payload[]> {
      let decoded: Payload[];
      try {
        decoded = await codec.decode(payloads);
      } catch (err) {
        if (err instanceof PayloadDecryptionError) throw unprocessable('payload-undecodable', err.message);
        throw err;
      }
      // Written before the answer leaves: nothing is read in clear without its entry.
      if (payloads.length > 0) {
        await appendAuditEntry(db, {
          actorId: user.id,
          action: 'payloads-decoded',
          details: { payloads: payloads.length, encrypted: payloads.filter(isEncrypted).length, credential: call.credential, ...(call.namespace && { namespace: call.namespace }) },
        });
      }
      return decoded;
    },

    async encode(user: StaffUser, payloads: Payload[], call: CodecCall): Promise<Payload[]> {
      const encoded = await codec.encode(payloads);
      if (payloads.length > 0) {
        await appendAuditEntry(db, {
          actorId: user.id,
          action: 'payloads-encoded',
          details: { payloads: payloads.length, credential: call.credential, ...(call.namespace && { namespace: call.namespace }) },
        });
      }
      return encoded;
    },
  };
}
