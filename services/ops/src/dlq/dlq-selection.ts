import type { DeadLetter, Platform } from '@donations/contracts';
import type { DlqEntry } from './dlq-entry';

/** Which letters a `dlq list` or `dlq redrive` is about; empty lists select all. */
export interface DlqFilter {
  ids: string[];
  sources: string[];
  reasons: string[];
  platforms: Platform[];
  since?: Date;
  until?: Date;
  /** Include letters already re-driven and counted (hidden by default). */
  all: boolean;
}

export function matches(entry: DlqEntry, filter: DlqFilter): boolean {
  const { letter } = entry;
  const receivedAt = Date.parse(letter.receivedAt);
  return (
    (filter.ids.length === 0 || filter.ids.includes(entry.id)) &&
    (filter.sources.length === 0 || filter.sources.includes(letter.source)) &&
    (filter.reasons.length === 0 || filter.reasons.includes(letter.reason)) &&
    (filter.platforms.length === 0 ||
      (entry.platform !== null && filter.platforms.includes(entry.platform))) &&
    (filter.since === undefined || receivedAt >= filter.since.getTime()) &&
    (filter.until === undefined || receivedAt < filter.until.getTime()) &&
    (filter.all || entry.redrive?.outcome !== 'counted')
  );
}

/** How a letter is re-driven: the webhook path of its adapter, its topic again, or not at all. */
export type RedrivePath =
  | { kind: 'adapter'; platform: Platform }
  | { kind: 'consumer'; topic: string; key: string | null }
  | { kind: 'skip'; reason: string; message: string };

export function redrivePathOf(letter: DeadLetter, platform: Platform | null): RedrivePath {
  if (letter.source.startsWith('adapter-')) return adapterPath(letter, platform);
  if (letter.originalTopic !== undefined && letter.originalTruncated !== true) {
    return { kind: 'consumer', topic: letter.originalTopic, key: letter.originalKey ?? null };
  }
  return skip('OPS.NOT_REDRIVABLE', 'the letter names no topic to re-publish its bytes to');
}

function adapterPath(letter: DeadLetter, platform: Platform | null): RedrivePath {
  if (!letter.reason.startsWith('WEBHOOK.')) {
    return skip('OPS.NOT_A_WEBHOOK', 'a statement row: import the statement again');
  }
  if (letter.authenticated !== true) {
    return skip('OPS.NOT_AUTHENTICATED', 'the request did not pass signature verification');
  }
  if (platform === null) return skip('OPS.NOT_REDRIVABLE', `no platform for ${letter.source}`);
  return { kind: 'adapter', platform };
}

function skip(reason: string, message: string): RedrivePath {
  return { kind: 'skip', reason, message };
}
