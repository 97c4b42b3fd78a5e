import { z } from 'zod';
import { loadConfig, optionalTokenSchema } from '@donations/config';

/** What the ops CLI reads from the environment: the tokens its commands present. */
export const OpsEnvSchema = z.object({
  /** `ops import-statement`: the adapters' STATEMENT_IMPORT_TOKEN. */
  STATEMENT_IMPORT_TOKEN: optionalTokenSchema,
  /** `ops rebuild aggregator`: the aggregator's OPERATOR_TOKEN. */
  OPERATOR_TOKEN: optionalTokenSchema,
});

export type OpsEnv = z.output<typeof OpsEnvSchema>;

export const loadOpsEnv = (): OpsEnv => loadConfig(OpsEnvSchema);
