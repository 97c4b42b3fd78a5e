import { Command, InvalidArgumentError, Option } from 'commander';
import { Platform, PLATFORMS } from '@donations/contracts';
import { instantValue, listValue } from '../cli-values';
import { parseLetterId } from './dlq-entry';
import type { DlqFilter } from './dlq-selection';

export interface DlqFilterOptions {
  source?: string[];
  reason?: string[];
  platform?: Platform[];
  since?: string;
  until?: string;
  all?: boolean;
}

/** The filter options `dlq list` and `dlq redrive` share. */
export function withFilterOptions(command: Command): Command {
  return command
    .option(
      '--source <services>',
      'only letters from these services (adapter-shuidi,aggregator)',
      listValue,
    )
    .option('--reason <codes>', 'only these reason codes (WEBHOOK.UNKNOWN_CAMPAIGN,...)', listValue)
    .addOption(
      new Option(
        '--platform <platforms>',
        `only letters about these platforms (${PLATFORMS.join(',')})`,
      ).argParser((value: string, previous: Platform[] | undefined) =>
        listValue(value, previous).map(platformValue),
      ),
    )
    .option('--since <time>', 'received at or after: ISO 8601, a date, or an age (2h, 7d)')
    .option('--until <time>', 'received before: ISO 8601, a date, or an age (30m)')
    .option('--all', 'include letters already re-driven and counted');
}

/** The options as a filter; `ids` are `<partition>:<offset>` letter ids (checked). */
export function filterOf(options: DlqFilterOptions, ids: readonly string[], now: Date): DlqFilter {
  for (const id of ids) parseLetterId(id);
  return {
    ids: [...ids],
    sources: options.source ?? [],
    reasons: options.reason ?? [],
    platforms: options.platform ?? [],
    since: options.since === undefined ? undefined : instantValue(options.since, now),
    until: options.until === undefined ? undefined : instantValue(options.until, now),
    all: options.all === true || ids.length > 0,
  };
}

function platformValue(value: string): Platform {
  if (!(PLATFORMS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`${value} is not one of ${PLATFORMS.join(', ')}`);
  }
  return value as Platform;
}
