import type { Platform, RedriveAnswer } from '@donations/contracts';
import { OpsError } from '../ops-error';
import type { Progress } from '../progress';
import type { DlqEntry, RedriveOutcome } from './dlq-entry';
import type { DlqRedrivesRepository, RedriveResult } from './dlq-redrives.repository';
import { RedrivePath, redrivePathOf } from './dlq-selection';

/** Where re-driven letters go: an adapter's webhook path, or their topic again. */
export interface Redrivers {
  adapter(platform: Platform, entry: DlqEntry): Promise<RedriveAnswer>;
  republish(topic: string, key: string | null, entry: DlqEntry): Promise<void>;
}

export interface RedrivenLetter {
  id: string;
  source: string;
  reason: string;
  platform: Platform | null;
  /** How it was (or, in a dry run, would be) re-driven. */
  path: RedrivePath['kind'];
  outcome: RedriveOutcome | 'would-redrive';
  outcomeReason: string | null;
  message: string | null;
  eventIds: string[];
}

export interface RedriveReport {
  dryRun: boolean;
  selected: number;
  counts: Record<RedriveOutcome, number>;
  letters: RedrivenLetter[];
}

/**
 * Re-drives the letters one by one, in DLQ order (a refund after its donation), and records each
 * outcome in dlq_redrives (a dry run decides the path only: nothing is sent or recorded).
 */
export async function redrive(
  entries: readonly DlqEntry[],
  deps: { redrivers: Redrivers; redrives: Pick<DlqRedrivesRepository, 'record'>; dryRun: boolean },
  progress: Progress,
): Promise<RedriveReport> {
  const letters: RedrivenLetter[] = [];
  for (const entry of entries) {
    const path = redrivePathOf(entry.letter, entry.platform);
    const base = {
      id: entry.id,
      source: entry.letter.source,
      reason: entry.letter.reason,
      platform: entry.platform,
      path: path.kind,
    };
    if (deps.dryRun) {
      const skipped = path.kind === 'skip';
      letters.push({
        ...base,
        outcome: skipped ? 'skipped' : 'would-redrive',
        outcomeReason: skipped ? path.reason : null,
        message: skipped ? path.message : null,
        eventIds: [],
      });
    } else {
      const { result, eventIds } = await redriveOne(entry, path, deps.redrivers);
      await deps.redrives.record(entry.topic, entry, result);
      letters.push({ ...base, ...outcomeOf(result), eventIds });
    }
    progress.advance();
  }
  progress.stop();
  return { dryRun: deps.dryRun, selected: entries.length, counts: countsOf(letters), letters };
}

async function redriveOne(
  entry: DlqEntry,
  path: RedrivePath,
  redrivers: Redrivers,
): Promise<{ result: RedriveResult; eventIds: string[] }> {
  try {
    switch (path.kind) {
      case 'skip':
        return {
          result: { outcome: 'skipped', reason: path.reason, message: path.message },
          eventIds: [],
        };
      case 'consumer':
        await redrivers.republish(path.topic, path.key, entry);
        return { result: { outcome: 'counted', reason: null, message: null }, eventIds: [] };
      case 'adapter': {
        const answer = await redrivers.adapter(path.platform, entry);
        return answer.outcome === 'counted'
          ? {
              result: { outcome: 'counted', reason: null, message: null },
              eventIds: answer.eventIds,
            }
          : {
              result: { outcome: 'failing', reason: answer.reason, message: answer.message },
              eventIds: [],
            };
      }
    }
  } catch (error) {
    // The service was away or refused the request: the letter stays to be re-driven again.
    const code = error instanceof OpsError ? error.code : 'OPS.REDRIVE_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    return { result: { outcome: 'failing', reason: code, message }, eventIds: [] };
  }
}

function outcomeOf(result: RedriveResult) {
  return { outcome: result.outcome, outcomeReason: result.reason, message: result.message };
}

function countsOf(letters: readonly RedrivenLetter[]): Record<RedriveOutcome, number> {
  const counts: Record<RedriveOutcome, number> = { counted: 0, failing: 0, skipped: 0 };
  for (const letter of letters) if (letter.outcome !== 'would-redrive') counts[letter.outcome] += 1;
  return counts;
}
