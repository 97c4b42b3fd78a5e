import { InvalidArgumentError } from 'commander';
import { Platform, PLATFORMS } from '@donations/contracts';
import { instantValue } from '../cli-values';
import { OpsError } from '../ops-error';

export interface RenormaliseOptions {
  platform: string;
  from?: string;
  to?: string;
  dryRun?: boolean;
  adapter?: string[];
  token?: string;
  actor?: string;
}

/** Which donations.raw records a run takes: one platform's, received in [from, to). */
export interface RawSelection {
  platform: Platform;
  from: Date | undefined;
  to: Date | undefined;
}

/** `--platform shuidi` (one platform: one adapter maps its records). */
export function platformValue(value: string): Platform {
  if (!(PLATFORMS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`${value} is not one of ${PLATFORMS.join(', ')}`);
  }
  return value as Platform;
}

/** The options as a selection; times as ISO 8601, a date or an age (`7d`), `from` before `to`. */
export function selectionOf(options: RenormaliseOptions, now: Date): RawSelection {
  const from = options.from === undefined ? undefined : instantValue(options.from, now);
  const to = options.to === undefined ? undefined : instantValue(options.to, now);
  if (from && to && from.getTime() >= to.getTime()) {
    throw new OpsError('OPS.INVALID_ARGUMENT', '--from must be before --to');
  }
  return { platform: platformValue(options.platform), from, to };
}

/** Whether a record received at `receivedAt` is in the selection's time range. */
export function inRange(selection: RawSelection, receivedAt: string): boolean {
  const at = Date.parse(receivedAt);
  if (selection.from && at < selection.from.getTime()) return false;
  return !(selection.to && at >= selection.to.getTime());
}
