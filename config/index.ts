import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { developmentSecret } from './dev-secret';
import type { PayloadKeyRing } from './payload-codec';
import { PayloadKeyError, parsePayloadKeys } from './payload-codec';

export const projectRoot = path.resolve(__dirname, '..');

const port = z.coerce.number().int().min(0).max(65535);
/** Seconds, fractions allowed, stored as milliseconds. */
const seconds = z.coerce.number().positive().max(86_400).transform((s) => Math.round(s * 1000));
const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql:// (PostgreSQL)')
      .optional(),
    TEMPORAL_ADDRESS: z.string().min(1).optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('laurel-cases'),
    TEMPORAL_TLS: flag.optional(),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS_CERT: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY: z.string().min(1).optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
    // The name applicants see in their mailbox, in Chinese like the emails themselves.
    MAIL_FROM: z.string().min(3).default('最美后勤人评选 <no-reply@laurel.local>'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL (OTLP over HTTP)' }).optional(),
    DEMO_PASSWORD: z.string().min(8).default('demo-password'),
    PAYLOAD_KEY: z
      .string()
      .transform((v, ctx) => {
        try {
          return parsePayloadKeys(v);
        } catch (err) {
          if (!(err instanceof PayloadKeyError)) throw err;
          ctx.addIssue({ code: 'custom', message: `${err.message} (expected one base64 32-byte key, or id:key,id:key,… with the encrypting key first)` });
          return z.NEVER;
        }
      })
      .optional(),
    PUBLIC_URL: z.string().url().optional(),
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    MAIL_CATCHER_PORT: port.default(1025),
    VAR_DIR: z.string().min(1).optional(),
    CORS_ORIGINS: z
      .string()
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.url()))
      .optional(),
    TRUST_PROXY: z.string().min(1).optional(),
    AUDIT_SIGNING_KEY: z.string().min(1).optional(),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
    SELF_NOMINATION_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
    OBJECTION_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    // prefault, not default: a default would skip the conversion to milliseconds.
    HTTP_HEADERS_TIMEOUT: seconds.prefault(10),
    HTTP_REQUEST_TIMEOUT: seconds.prefault(60),
    HTTP_UPLOAD_TIMEOUT: seconds.prefault(600),
    HTTP_KEEP_ALIVE_TIMEOUT: seconds.prefault(5),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    WORKER_METRICS_ADDRESS: z.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be host:port, e.g. 0.0.0.0:9464').optional(),
    CODEC_CORS_ORIGINS: z
      .string()
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.url()))
      .optional(),
  })
  .superRefine((env, ctx) => {
    // An upload is a request too: a shorter allowance for it would cut what an ordinary body may take.
    if (env.HTTP_REQUEST_TIMEOUT > env.HTTP_UPLOAD_TIMEOUT) ctx.addIssue({ code: 'custom', path: ['HTTP_REQUEST_TIMEOUT'], message: 'must not exceed HTTP_UPLOAD_TIMEOUT' });
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'PAYLOAD_KEY', 'AUDIT_SIGNING_KEY'] as const) {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
    }
  });

export type Config = ReturnType<typeof resolveConfig>;

function resolveConfig(env: z.infer<typeof envSchema>) {
  const varDir = path.resolve(projectRoot, env.VAR_DIR ?? 'var');
  const production = env.NODE_ENV === 'production';
  return {
    nodeEnv: env.NODE_ENV,
    production,
    port: env.PORT,
    varDir,
    databaseUrl: env.DATABASE_URL ?? `file:${path.join(varDir, 'laurel.db')}`,
    temporal: {
      address: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_DEV_PORT}`,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      tls: env.TEMPORAL_TLS ?? Boolean(env.TEMPORAL_API_KEY || env.TEMPORAL_TLS_CERT),
      apiKey: env.TEMPORAL_API_KEY,
      tlsCertPath: env.TEMPORAL_TLS_CERT,
      tlsKeyPath: env.TEMPORAL_TLS_KEY,
      devPort: env.TEMPORAL_DEV_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
    },
    mail: {
      smtpUrl: env.SMTP_URL ?? `smtp://127.0.0.1:${env.MAIL_CATCHER_PORT}`,
      from: env.MAIL_FROM,
      catcherPort: env.MAIL_CATCHER_PORT,
      catcherDir: path.join(varDir, 'mail'),
    },
    /** JSON lines for machines; readable lines by default while developing. */
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'pretty' : 'json') },
    /** The OTLP/HTTP collector that receives traces; unset, nothing is traced. */
    tracing: { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT },
    uploadDir: path.join(varDir, 'uploads'),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    demoPassword: env.DEMO_PASSWORD,
    /** The Ed25519 private key (PEM) that signs the audit chain's head; unset outside production: a development key file. */
    auditSigningKey: env.AUDIT_SIGNING_KEY,
    /** Origins allowed to call the API from a browser; none by default (the pages are same-origin). */
    corsOrigins: env.CORS_ORIGINS ?? [],
    /** Express's `trust proxy`, so that rate limits see the client's address behind a reverse proxy. */
    trustProxy: env.TRUST_PROXY,
    /** Per client address: sign-ins a minute, self-nominations an hour, objections a minute. */
    rateLimits: { loginPerMinute: env.LOGIN_RATE_LIMIT, selfNominationsPerHour: env.SELF_NOMINATION_RATE_LIMIT, objectionsPerMinute: env.OBJECTION_RATE_LIMIT },
    /**
     * How long a client may take, in milliseconds: its headers; a request's body (after the headers);
     * a file's (a sealed form, a CSV sheet: 10 MB on a slow line); an idle kept-alive connection.
     */
    http: {
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT,
      uploadTimeoutMs: env.HTTP_UPLOAD_TIMEOUT,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT,
    },
    /** Unset outside production: {@link payloadKeyRing} then uses the development key file. */
    payloadKeys: env.PAYLOAD_KEY,
    metrics: {
      /** The bearer token a scraper must send to `/metrics`; without it `/metrics` is open outside production and not served in production. */
      token: env.METRICS_TOKEN,
      /** Where a worker serves the Temporal SDK's own Prometheus metrics (`host:port`); unset: it serves none. */
      workerBindAddress: env.WORKER_METRICS_ADDRESS,
    },
    /**
     * Origins of the Temporal Web UI allowed to call the codec endpoint from a browser, with the
     * signed-in account's cookie; outside production the dev server's UI by default.
     */
    codecCorsOrigins:
      env.CODEC_CORS_ORIGINS ?? (production ? [] : [`http://localhost:${env.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${env.TEMPORAL_UI_PORT}`]),
  };
}

export class ConfigError extends Error {}

/** Parses the environment once; a missing or bad value throws a ConfigError naming it. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return resolveConfig(parsed.data);
}

/** Loads `.env` from the project root in development, without overriding the real environment. */
export function loadDotEnv(): void {
  const file = path.join(projectRoot, '.env');
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

/** For process entry points: load, or print the reason and exit non-zero. */
export function configOrExit(): Config {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
}

export function isPostgres(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

/** The payload encryption keys: PAYLOAD_KEY, or outside production a development key kept in `<varDir>/payload.key`. */
export function payloadKeyRing(config: Config): PayloadKeyRing {
  if (config.payloadKeys) return config.payloadKeys;
  if (config.production) throw new ConfigError('PAYLOAD_KEY is required in production');
  const key = developmentSecret(config.varDir, 'payload.key', () => `${randomBytes(32).toString('base64')}\n`);
  try {
    return parsePayloadKeys(key.trim());
  } catch (err) {
    if (err instanceof PayloadKeyError) throw new ConfigError(`${path.join(config.varDir, 'payload.key')}: ${err.message}; delete it to make a new development key`);
    throw err;
  }
}
