import type { Platform, RenormalisedEvent, RenormaliseResult } from '@donations/contracts';
import type { RawEntry } from './raw-records';

/**
 * What became of a record: `unchanged` (the same events as emitted before), `newly-mapped` (was
 * rejected, now emits), `still-failing` / `now-failing` (rejected by the current mapping; was
 * rejected / was accepted), `changed` (an id emitted before now maps to other figures, or an
 * accepted request now gives an event never emitted).
 */
export const RESULTS = [
  'unchanged',
  'newly-mapped',
  'changed',
  'still-failing',
  'now-failing',
] as const;

export type RecordResult = (typeof RESULTS)[number];

export interface ReportedRecord {
  id: string;
  receivedAt: string;
  correlationId: string;
  was: 'accepted' | 'rejected';
  wasReason: string | null;
  result: RecordResult;
  reason: string | null;
  message: string | null;
  /** Its events were sent (never in a dry run). */
  emitted: boolean;
  events: RenormalisedEvent[];
}

export interface RenormaliseReport {
  platform: Platform;
  from: string | null;
  to: string | null;
  dryRun: boolean;
  selected: number;
  counts: Record<RecordResult, number>;
  /** Events never emitted before: sent, or in a dry run, that would be. */
  newEvents: number;
  /** Events emitted before whose figures the mapping now gives differently: not re-counted. */
  changedEvents: number;
  /** Every record but the unchanged ones. */
  records: ReportedRecord[];
  unreadable: string[];
}

/** The category of a record from what it was answered then and what the mapping gives now. */
export function resultOf(wasAccepted: boolean, now: RenormaliseResult): RecordResult {
  if (now.outcome === 'failing') return wasAccepted ? 'now-failing' : 'still-failing';
  if (now.events.some((event) => event.status === 'differs')) return 'changed';
  if (now.events.some((event) => event.status === 'new')) {
    return wasAccepted ? 'changed' : 'newly-mapped';
  }
  return 'unchanged';
}

/** One record: what it was answered when received, and what the mapping gives now. */
export function reportedRecord(entry: RawEntry, now: RenormaliseResult): ReportedRecord {
  // Records written before outcomes were kept were all accepted.
  const { outcome: was = { status: 'accepted' } } = entry.record;
  return {
    id: entry.id,
    receivedAt: entry.record.receivedAt,
    correlationId: entry.record.correlationId,
    was: was.status,
    wasReason: was.status === 'rejected' ? was.reason : null,
    result: resultOf(was.status === 'accepted', now),
    reason: now.outcome === 'failing' ? now.reason : null,
    message: now.outcome === 'failing' ? now.message : null,
    emitted: now.outcome === 'mapped' && now.emitted,
    events: now.outcome === 'mapped' ? now.events : [],
  };
}

/** The run's report: counts of every result and event status, and every record not unchanged. */
export function reportOf(
  base: Pick<RenormaliseReport, 'platform' | 'from' | 'to' | 'dryRun' | 'unreadable'>,
  records: readonly ReportedRecord[],
): RenormaliseReport {
  const counts = Object.fromEntries(RESULTS.map((result) => [result, 0])) as Record<
    RecordResult,
    number
  >;
  let newEvents = 0;
  let changedEvents = 0;
  for (const record of records) {
    counts[record.result] += 1;
    for (const event of record.events) {
      if (event.status === 'new') newEvents += 1;
      if (event.status === 'differs') changedEvents += 1;
    }
  }
  return {
    ...base,
    selected: records.length,
    counts,
    newEvents,
    changedEvents,
    records: records.filter((record) => record.result !== 'unchanged'),
  };
}
