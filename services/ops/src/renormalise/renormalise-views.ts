import type { RenormalisedEvent } from '@donations/contracts';
import type { RecordResult, RenormaliseReport, ReportedRecord } from './renormalise-report';

const LABELS: Record<RecordResult, string> = {
  unchanged: 'unchanged',
  'newly-mapped': 'newly mapped',
  changed: 'changed',
  'still-failing': 'still failing',
  'now-failing': 'now failing',
};

/** The report for a human: one line per record that is not unchanged, then the counts. */
export function describeRenormalise(report: RenormaliseReport): string {
  const lines = report.records.flatMap(recordLines);
  const counts = (Object.keys(LABELS) as RecordResult[])
    .map((result) => `${report.counts[result]} ${LABELS[result]}`)
    .join(', ');
  const range = `${report.from ?? 'the beginning'} to ${report.to ?? 'now'}`;
  lines.push(
    `${report.selected} ${report.platform} raw records (${range})${report.dryRun ? ' [dry run]' : ''}: ${counts}`,
  );
  lines.push(
    `${report.newEvents} events never emitted before ${report.dryRun ? 'would be sent' : 'sent'}`,
  );
  if (report.changedEvents > 0) {
    lines.push(
      `${report.changedEvents} events were emitted before with other figures: NOT re-counted ` +
        '(the ledger keeps the first event of an id); correct them with compensating events',
    );
  }
  if (report.unreadable.length > 0) {
    lines.push(`${report.unreadable.length} unreadable messages on donations.raw`);
  }
  return lines.join('\n');
}

function recordLines(record: ReportedRecord): string[] {
  const head = `${record.id.padEnd(8)} ${record.receivedAt}  ${LABELS[record.result]}`;
  const was = record.was === 'rejected' ? ` (was rejected: ${record.wasReason})` : '';
  if (record.reason !== null) return [`${head}  ${record.reason}: ${record.message}${was}`];
  return [
    `${head}${was}`,
    ...record.events
      .filter((event) => event.status !== 'same')
      .map((event) => `    ${event.eventId} ${eventLine(event, record)}`),
  ];
}

function eventLine(event: RenormalisedEvent, record: ReportedRecord): string {
  const { after, before } = event;
  const figures = `${after.type} ${after.amountMinor} ${after.currency} -> ${after.campaignId}`;
  if (event.status === 'new' || before === null) {
    // An accepted request was counted when received: a new id now could count it twice.
    const held = record.was === 'accepted' ? ' (not sent: the request was accepted then)' : '';
    return `new: ${figures}${held}`;
  }
  const diffs = (Object.keys(after) as (keyof typeof after)[])
    .filter((key) => after[key] !== before[key])
    .map((key) => `${key} ${String(before[key])} -> ${String(after[key])}`);
  return `emitted before with other figures (kept, not re-counted): ${diffs.join(', ')}`;
}
