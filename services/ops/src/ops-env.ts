import { z } from 'zod';
import { loadConfig, optionalTokenSchema } from '@donations/config';

const PortOffsetSchema = z.coerce.number().int().min(0).max(60_000).default(0);

/** What the ops CLI reads from the environment: the tokens its commands present. */
export const OpsEnvSchema = z.object({
  /** `ops import-statement`: the adapters' STATEMENT_IMPORT_TOKEN. */
  STATEMENT_IMPORT_TOKEN: optionalTokenSchema,
  /** `ops rebuild aggregator`: the aggregator's OPERATOR_TOKEN. */
  OPERATOR_TOKEN: optionalTokenSchema,
  /** The local run's HTTP ports moved by this much (deploy/local/run-system, a second copy). */
  HTTP_PORT_OFFSET: PortOffsetSchema,
});

export type OpsEnv = z.output<typeof OpsEnvSchema>;

export const loadOpsEnv = (): OpsEnv => loadConfig(OpsEnvSchema);

/** A service of the local run at its port (deploy/local/env), moved by HTTP_PORT_OFFSET. */
export const localUrl = (port: number, env: NodeJS.ProcessEnv = process.env): string =>
  `http://127.0.0.1:${port + loadConfig(z.object({ HTTP_PORT_OFFSET: PortOffsetSchema }), env).HTTP_PORT_OFFSET}`;
