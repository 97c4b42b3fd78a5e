import { PartitionEnds, partitionLags, totalLag } from '@donations/kafka';
import type { OffsetStoreKind, StoredOffsets } from './stored-offsets';

export interface PartitionLagRow {
  topic: string;
  partition: number;
  /** The next offset to apply, as stored with the state; null: nothing applied yet. */
  applied: string | null;
  logEnd: string;
  lag: number;
  /** The group's committed offset in Kafka (a mirror for monitors); null when none. */
  committed: string | null;
}

export interface GroupLag {
  group: string;
  store: OffsetStoreKind;
  lag: number;
  partitions: PartitionLagRow[];
}

export interface LagReport {
  groups: GroupLag[];
  /** Stores that were not read, and why (e.g. no REDIS_URL for the statistics). */
  notRead: { store: OffsetStoreKind; reason: string }[];
}

/** What Kafka says of a group's topic: the log's bounds and the group's committed offsets. */
export interface TopicReading {
  ends: PartitionEnds[];
  committed: Map<number, string>;
}

/** The report: one entry per group, every partition of its topics, in group and topic order. */
export function foldLag(
  stored: readonly StoredOffsets[],
  reading: (entry: StoredOffsets) => TopicReading,
): GroupLag[] {
  const groups = new Map<string, GroupLag>();
  for (const entry of stored) {
    const { ends, committed } = reading(entry);
    const rows = partitionLags(ends, entry.applied).map((lag) => ({
      topic: entry.topic,
      ...lag,
      committed: committed.get(lag.partition) ?? null,
    }));
    const key = `${entry.store}\u0000${entry.group}`;
    const group = groups.get(key) ?? {
      group: entry.group,
      store: entry.store,
      lag: 0,
      partitions: [],
    };
    group.partitions.push(...rows);
    group.lag = totalLag(group.partitions);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => a.group.localeCompare(b.group) || a.store.localeCompare(b.store),
  );
}

/** kafkajs' committed offsets: `-1` means the group committed nothing on the partition. */
export function committedOffsets(
  partitions: readonly { partition: number; offset: string }[],
): Map<number, string> {
  return new Map(
    partitions
      .filter(({ offset }) => offset !== '-1')
      .map(({ partition, offset }) => [partition, offset]),
  );
}

const HEADER = ['GROUP', 'STORE', 'TOPIC', 'PARTITION', 'APPLIED', 'LOG END', 'LAG', 'COMMITTED'];

/** A partition never written to and never applied: nothing to say about it. */
const isEmpty = (row: PartitionLagRow) => row.applied === null && row.lag === 0;

/**
 * The report as an operator reads it: a table (partitions that hold nothing and were never
 * applied are left out, and counted; --json has them all), then each group's total.
 */
export function describeLag(report: LagReport): string {
  const shown = report.groups.flatMap((group) =>
    group.partitions.filter((row) => !isEmpty(row)).map((row) => ({ group, row })),
  );
  const rows = shown.map(({ group, row }) => [
    group.group,
    group.store,
    row.topic,
    String(row.partition),
    row.applied ?? '-',
    row.logEnd,
    String(row.lag),
    row.committed ?? '-',
  ]);
  const lines =
    report.groups.length === 0
      ? ['no consumer group has stored offsets']
      : rows.length === 0
        ? []
        : table([HEADER, ...rows]);
  for (const group of report.groups) {
    const empty = group.partitions.filter(isEmpty).length;
    lines.push(
      `${group.group}: lag ${group.lag}${empty > 0 ? ` (${empty} empty partitions not shown)` : ''}`,
    );
  }
  for (const { store, reason } of report.notRead) lines.push(`${store} not read: ${reason}`);
  return lines.join('\n');
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
}
