import { Command } from 'commander';
import type { z } from 'zod';
import { loadConfig } from '@donations/config';
import type { Platform } from '@donations/contracts';
import { adapterUrls } from '../adapters/adapter-urls';
import { OperatorClient } from '../adapters/operator-client';
import { listValue } from '../cli-values';
import { actorOf, operatorToken, OpsContext } from '../ops-context';
import { OpsError } from '../ops-error';
import { OpsEnvSchema } from '../ops-env';

export interface ConnectionOptions {
  adapter?: string[];
  token?: string;
  actor?: string;
}

export function withConnectionOptions(command: Command): Command {
  return command
    .option(
      '--adapter <platform=url>',
      'an adapter base URL (repeatable; default: local ports)',
      listValue,
    )
    .option('--token <token>', "the adapters' operator token (default: env OPERATOR_TOKEN)")
    .option('--actor <name>', 'who changes it, for the audit (default: env OPS_ACTOR or login)');
}

/**
 * The operator client of the adapter serving `platform`. Every adapter serves the whole registry
 * (one table set); charities go to the alipay adapter unless `--adapter alipay=URL` says where.
 */
export function registryClient(
  context: OpsContext,
  options: ConnectionOptions,
  platform: Platform,
): OperatorClient {
  const { HTTP_PORT_OFFSET } = loadConfig(OpsEnvSchema, context.env);
  const url = adapterUrls(options.adapter ?? [], HTTP_PORT_OFFSET)[platform];
  return new OperatorClient(
    url,
    operatorToken(context, options.token),
    actorOf(context, options.actor),
  );
}

/** The options checked against a contract before anything is sent. */
export function checkedArguments<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OpsError('OPS.INVALID_ARGUMENT', `${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

/** An object without its undefined values (the contracts are strict: no key means not given). */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}
