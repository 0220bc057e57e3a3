import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const projectRoot = path.resolve(__dirname, '..');

const port = z.coerce.number().int().min(0).max(65535);
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
    MAIL_FROM: z.string().min(3).default('Laurel <no-reply@laurel.local>'),
    DEMO_PASSWORD: z.string().min(8).default('demo-password'),
    PAYLOAD_KEY: z.string().optional(),
    PUBLIC_URL: z.string().url().optional(),
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    MAIL_CATCHER_PORT: port.default(1025),
    VAR_DIR: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL'] as const) {
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
    uploadDir: path.join(varDir, 'uploads'),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    demoPassword: env.DEMO_PASSWORD,
    payloadKey: env.PAYLOAD_KEY,
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
