import type { DlqEntry } from './dlq-entry';
import type { RedriveReport } from './dlq-redrive';

/** A letter as `dlq list --json` shows it: everything but the bytes (`dlq show` has them). */
export function summaryOf(entry: DlqEntry) {
  const { letter } = entry;
  return {
    id: entry.id,
    receivedAt: letter.receivedAt,
    source: letter.source,
    platform: entry.platform,
    reason: letter.reason,
    message: letter.message,
    authenticated: letter.authenticated ?? null,
    originalTopic: letter.originalTopic ?? null,
    originalSize: letter.originalSize ?? null,
    correlationId: letter.correlationId ?? null,
    redrive: entry.redrive,
  };
}

/** The original bytes for a human: UTF-8 text (JSON indented) when they are, else base64. */
export function decodedBytes(base64: string): { encoding: 'utf8' | 'base64'; text: string } {
  const bytes = Buffer.from(base64, 'base64');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { encoding: 'base64', text: base64 };
  }
  try {
    return { encoding: 'utf8', text: JSON.stringify(JSON.parse(text), null, 2) };
  } catch {
    return { encoding: 'utf8', text };
  }
}

export function describeList(view: {
  topic: string;
  letters: ReturnType<typeof summaryOf>[];
  hidden: number;
  unreadable: string[];
}): string {
  const lines = view.letters.map((letter) => {
    const redrive = letter.redrive
      ? `  [re-driven ${letter.redrive.redrivenAt}: ${letter.redrive.outcome}${letter.redrive.reason ? ` ${letter.redrive.reason}` : ''}]`
      : '';
    return `${letter.id.padEnd(8)} ${letter.receivedAt}  ${letter.source}  ${letter.reason}  ${letter.message.slice(0, 80)}${redrive}`;
  });
  const hidden =
    view.hidden > 0 ? `, ${view.hidden} re-driven and counted hidden (--all shows them)` : '';
  const unreadable = view.unreadable.length > 0 ? `, ${view.unreadable.length} unreadable` : '';
  return [...lines, `${letters(view.letters.length)} on ${view.topic}${hidden}${unreadable}`].join(
    '\n',
  );
}

export function describeShow(entry: DlqEntry): string {
  const { letter } = entry;
  const bytes = decodedBytes(letter.originalValueBase64);
  const rows: [string, string | undefined][] = [
    ['letter', `${entry.id} on ${entry.topic}`],
    ['received', letter.receivedAt],
    ['source', letter.source],
    ['platform', entry.platform ?? undefined],
    ['reason', `${letter.reason}: ${letter.message}`],
    [
      'authenticated',
      letter.authenticated === undefined ? undefined : String(letter.authenticated),
    ],
    [
      'original',
      letter.originalTopic &&
        `${letter.originalTopic} ${letter.originalPartition}:${letter.originalOffset} key ${letter.originalKey ?? '-'}`,
    ],
    [
      'size',
      `${letter.originalSize ?? '?'} bytes${letter.originalTruncated ? ' (only the first 4 KiB kept)' : ''}`,
    ],
    ['correlation', letter.correlationId],
    [
      'headers',
      letter.headers &&
        Object.entries(letter.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; '),
    ],
    [
      're-driven',
      entry.redrive
        ? `${entry.redrive.redrivenAt} ${entry.redrive.outcome} ${entry.redrive.reason ?? ''}`.trim()
        : undefined,
    ],
  ];
  const head = rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([name, value]) => `${name.padEnd(14)}${value}`);
  return [...head, `body (${bytes.encoding}):`, bytes.text].join('\n');
}

export function describeRedrive(report: RedriveReport): string {
  const lines = report.letters.map((letter) => {
    const why = letter.outcomeReason ? ` ${letter.outcomeReason}: ${letter.message ?? ''}` : '';
    const events = letter.eventIds.length > 0 ? ` (${letter.eventIds.length} events)` : '';
    return `${letter.id.padEnd(8)} ${letter.reason}  via ${letter.path}  ${letter.outcome}${events}${why}`;
  });
  const { counted, failing, skipped } = report.counts;
  const summary = report.dryRun
    ? `dry run: ${letters(report.selected)} selected, nothing sent or recorded`
    : `${letters(report.selected)} re-driven: ${counted} counted, ${failing} still failing, ${skipped} skipped`;
  return [...lines, summary].join('\n');
}

const letters = (count: number): string => `${count} letter${count === 1 ? '' : 's'}`;
