import { DeadLetter, Platform, PlatformSchema } from '@donations/contracts';
import { OpsError } from '../ops-error';

export const REDRIVE_OUTCOMES = ['counted', 'failing', 'skipped'] as const;
export type RedriveOutcome = (typeof REDRIVE_OUTCOMES)[number];

/** The last re-drive of a letter, as dlq_redrives records it. */
export interface RedriveRecord {
  outcome: RedriveOutcome;
  reason: string | null;
  message: string | null;
  attempts: number;
  redrivenAt: string;
}

/** A dead letter where it sits on the DLQ topic, with its last re-drive if any. */
export interface DlqEntry {
  /** `<partition>:<offset>` on the DLQ topic. */
  id: string;
  topic: string;
  partition: number;
  offset: string;
  platform: Platform | null;
  letter: DeadLetter;
  redrive: RedriveRecord | null;
}

export function letterId(partition: number, offset: string): string {
  return `${partition}:${offset}`;
}

export function parseLetterId(id: string): { partition: number; offset: string } {
  const match = /^(\d{1,5}):(\d{1,20})$/.exec(id);
  if (!match) {
    throw new OpsError('OPS.INVALID_ARGUMENT', `${JSON.stringify(id)} is not <partition>:<offset>`);
  }
  return { partition: Number(match[1]), offset: match[2] };
}

/**
 * The platform a letter is about: the adapter's that wrote it (`adapter-shuidi`), or the one the
 * rejected event names (a consumer's letter), when its bytes are JSON naming one.
 */
export function platformOf(letter: DeadLetter): Platform | null {
  const adapter = /^adapter-(.+)$/.exec(letter.source)?.[1];
  const named = adapter ?? platformInBytes(letter.originalValueBase64);
  const platform = PlatformSchema.safeParse(named);
  return platform.success ? platform.data : null;
}

function platformInBytes(base64: string): unknown {
  try {
    const value = JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null
      ? (value as { platform?: unknown }).platform
      : null;
  } catch {
    return null;
  }
}
