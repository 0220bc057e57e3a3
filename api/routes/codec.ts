import type { Payload } from '@temporalio/common';
import cors from 'cors';
import express, { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError, unauthorized } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import { principalOfToken } from '../../use-cases/accounts';
import type { UseCaseDeps } from '../../use-cases/deps';
import type { CodecCall } from '../../use-cases/payload-codec';
import { DECODING_ROLES, ENCODING_ROLES, payloadCodec } from '../../use-cases/payload-codec';
import { bearerToken } from '../http/authenticate';
import { operation } from '../operation';

// Temporal's codec server protocol (what the Web UI's and the CLI's `--codec-endpoint` call):
// POST <endpoint>/decode and <endpoint>/encode with {"payloads":[…]}, each payload as proto JSON
// (metadata values and data in base64). The endpoint is `<Laurel>/codec`.

export const CODEC_PATH = '/codec';
/**
 * The Web UI sends no token of Laurel's: it sends cookies (its "include cross-origin credentials",
 * or a same-origin proxy as `npm start` runs). Signing in as the secretariat or an auditor sets
 * this one, readable only by the server and sent only to the codec's path.
 */
export const CODEC_COOKIE = 'laurel_codec';
/** A whole workflow's payloads may arrive at once: more room than the API's 100 KB for JSON. */
export const CODEC_BODY_LIMIT = 4 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'base64');
const codecPayload = z
  .object({
    metadata: z.record(z.string(), base64).nullish().meta({ description: 'metadata values, base64' }),
    data: base64.nullish().meta({ description: 'the payload’s bytes, base64' }),
  })
  .meta({ id: 'CodecPayload', description: 'A Temporal payload in proto JSON' });
const payloadsBody = z.strictObject({ payloads: z.array(codecPayload).max(10_000) }).meta({ id: 'CodecPayloads' });
const payloadsAnswer = z.object({ payloads: z.array(codecPayload) }).meta({ id: 'CodecPayloadsAnswer' });
/** The Web UI asks to keep references to externally stored payloads as they are; Laurel stores none, so it changes nothing. */
const codecQuery = z.object({ preserveStorageRefs: z.enum(['true', 'false']).optional() });

type JsonPayload = z.infer<typeof codecPayload>;

function fromJson({ metadata, data }: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    ...(data ? { data: Buffer.from(data, 'base64') } : {}),
  };
}

function toJson({ metadata, data }: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
    ...(data?.length ? { data: Buffer.from(data).toString('base64') } : {}),
  };
}

const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

function codecCall(req: Request, res: Response): CodecCall {
  const namespace = req.get('x-namespace');
  return { credential: res.locals.codecCredential === 'cookie' ? 'cookie' : 'token', ...(namespace && NAMESPACE.test(namespace) && { namespace }) };
}

/** POST /codec/decode and /codec/encode: in the operations table, so in `/openapi.json` and behind its role checks. */
export function codecOperations(deps: UseCaseDeps, onPayloads?: (operation: 'decode' | 'encode', count: number) => void) {
  const codec = payloadCodec(deps);
  const summary = (what: string, who: string) =>
    `Temporal codec server: ${what} (${who}). For the Temporal Web UI and CLI (endpoint \`<Laurel>/codec\`); a bearer token, or the \`${CODEC_COOKIE}\` cookie signing in sets, from an origin in CODEC_CORS_ORIGINS. Each call is recorded in the audit log (who, how many payloads)`;
  return [
    operation({
      method: 'post',
      path: `${CODEC_PATH}/decode`,
      summary: summary('decrypts payloads', 'secretariat, auditors'),
      roles: [...DECODING_ROLES] as Role[],
      body: payloadsBody,
      query: codecQuery,
      ok: 200,
      response: payloadsAnswer,
      errors: [401, 403, 422],
      async handle({ body, user, req, res }) {
        const decoded = await codec.decode(user, body.payloads.map(fromJson), codecCall(req, res));
        onPayloads?.('decode', decoded.length);
        return { payloads: decoded.map(toJson) };
      },
    }),
    operation({
      method: 'post',
      path: `${CODEC_PATH}/encode`,
      summary: summary('encrypts payloads, e.g. the input of a Signal sent from the Web UI', 'secretariat'),
      roles: [...ENCODING_ROLES] as Role[],
      body: payloadsBody,
      query: codecQuery,
      ok: 200,
      response: payloadsAnswer,
      errors: [401, 403],
      async handle({ body, user, req, res }) {
        const encoded = await codec.encode(user, body.payloads.map(fromJson), codecCall(req, res));
        onPayloads?.('encode', encoded.length);
        return { payloads: encoded.map(toJson) };
      },
    }),
  ];
}

/**
 * CORS for the Web UI's origins, with credentials, answering its preflight. Mounted on the codec's
 * path ahead of the API's own CORS, which would answer the preflight without credentials.
 */
export function codecCors(config: Config): RequestHandler {
  return cors({
    origin: config.codecCorsOrigins,
    credentials: true,
    methods: ['POST'],
    allowedHeaders: ['Content-Type', 'Authorization', 'Authorization-Extras', 'X-Namespace'],
    maxAge: 600,
  });
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The codec's body parser (a larger limit than the API's) and its credentials: a bearer token
 * (the CLI's `--codec-auth`, scripts), or the session cookie — honoured only from the Web UI's
 * origins or Laurel's own, so that no other site can spend it.
 */
export function codecRequests({ db, config }: Pick<UseCaseDeps, 'db' | 'config'>): Router {
  const router = Router();
  const parse = express.json({ limit: CODEC_BODY_LIMIT });
  router.use((req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type === 'entity.too.large') return next(new AppError(413, 'codec-body-too-large', `larger than ${CODEC_BODY_LIMIT} bytes`));
      next(err);
    });
  });
  router.use(async (req, res, next) => {
    if (req.headers.authorization) {
      const token = bearerToken(req);
      const principal = token ? await principalOfToken({ db }, token) : null;
      if (!principal) throw unauthorized('invalid-token');
      req.principal = principal;
      res.locals.codecCredential = 'token';
      return next();
    }
    const cookie = cookieValue(req.headers.cookie, CODEC_COOKIE);
    const origin = req.headers.origin;
    // Read per request: tests move the public URL after the app is built.
    if (cookie && origin && [...config.codecCorsOrigins, new URL(config.publicUrl).origin].includes(origin)) {
      const principal = await principalOfToken({ db }, cookie);
      // A lapsed session's cookie is as good as none: the route answers 401.
      if (principal?.kind === 'user') {
        req.principal = principal;
        res.locals.codecCredential = 'cookie';
      }
    }
    next();
  });
  return router;
}

const secure = (config: Config) => config.production || config.publicUrl.startsWith('https:');

/** Sets the codec cookie at sign-in, for the accounts that may decode: it lapses with the session. */
export function setCodecCookie(res: Response, config: Config, session: { token: string; expiresAt: Date; roles: readonly string[] }): void {
  if (!session.roles.some((r) => (DECODING_ROLES as readonly string[]).includes(r))) return;
  // SameSite=Strict: sent by the Web UI on the same site (another port or subdomain), never from another site.
  res.cookie(CODEC_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', secure: secure(config), path: CODEC_PATH, expires: session.expiresAt });
}

/** Clears it at sign-out (the session it names is revoked anyway). */
export function clearCodecCookie(res: Response, config: Config): void {
  res.clearCookie(CODEC_COOKIE, { httpOnly: true, sameSite: 'strict', secure: secure(config), path: CODEC_PATH });
}
