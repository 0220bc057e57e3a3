import { PrismaInstrumentation } from '@prisma/instrumentation';

/**
 * Prisma's spans for telemetry/tracing.ts to register: each client operation (`Case.create`) and
 * the SQL statements it ran, with placeholders for their values. Off until registered, so that a
 * process without tracing pays nothing for it.
 */
export function prismaInstrumentation(): PrismaInstrumentation {
  return new PrismaInstrumentation({ enabled: false });
}
