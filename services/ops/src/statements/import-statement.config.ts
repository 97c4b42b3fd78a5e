import { z } from 'zod';
import { loadConfig } from '@donations/config';

/** What `ops import-statement` reads from the environment (only the token). */
export const ImportStatementEnvSchema = z.object({
  STATEMENT_IMPORT_TOKEN: z.string().min(16).optional(),
});

export type ImportStatementEnv = z.output<typeof ImportStatementEnvSchema>;

export const loadImportStatementEnv = (): ImportStatementEnv =>
  loadConfig(ImportStatementEnvSchema);
