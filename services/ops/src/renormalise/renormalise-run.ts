import type {
  RenormaliseAnswer,
  RenormaliseRecord,
  RenormaliseRequest,
} from '@donations/contracts';
import { OpsError } from '../ops-error';
import type { Progress } from '../progress';
import type { RawEntry } from './raw-records';
import { ReportedRecord, reportedRecord } from './renormalise-report';

/** Records per request, and the JSON size a request stays under (adapters take 256 KiB). */
export const BATCH_RECORDS = 50;
export const BATCH_BYTES = 128 * 1024;

export type SendBatch = (request: RenormaliseRequest) => Promise<RenormaliseAnswer>;

/** The kept request of a raw record, as the adapter's operator endpoints take it. */
export function keptRequest(entry: RawEntry): RenormaliseRecord {
  const { bodyBase64, headers, receivedAt, correlationId, outcome } = entry.record;
  // Records written before outcomes were kept were all accepted.
  const acceptedWhenReceived = (outcome?.status ?? 'accepted') === 'accepted';
  return { bodyBase64, headers, receivedAt, correlationId, acceptedWhenReceived };
}

/** Consecutive batches in order, each at most BATCH_RECORDS and (but for one alone) BATCH_BYTES. */
export function batchesOf(entries: readonly RawEntry[]): RawEntry[][] {
  const batches: RawEntry[][] = [];
  let batch: RawEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entry.record.bodyBase64.length + 512;
    if (batch.length > 0 && (batch.length >= BATCH_RECORDS || bytes + size > BATCH_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Sends the records to their adapter batch after batch, in order, and classifies each answer.
 * A batch the adapter refuses stops the run (its error is thrown): a run taken again is safe.
 */
export async function renormaliseRecords(
  entries: readonly RawEntry[],
  send: SendBatch,
  progress: Progress,
): Promise<ReportedRecord[]> {
  const reported: ReportedRecord[] = [];
  try {
    for (const batch of batchesOf(entries)) {
      const answer = await send({ records: batch.map(keptRequest) });
      if (answer.results.length !== batch.length) {
        throw new OpsError(
          'OPS.UNEXPECTED_ANSWER',
          'the adapter answered another number of records',
        );
      }
      batch.forEach((entry, index) => reported.push(reportedRecord(entry, answer.results[index])));
      progress.advance(batch.length);
    }
  } catch (error) {
    const code = error instanceof OpsError ? error.code : 'OPS.RENORMALISE_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    const done = `after ${reported.length} of ${entries.length} records; running it again is safe`;
    throw new OpsError(code, `${message} (${done})`);
  } finally {
    progress.stop();
  }
  return reported;
}
