import { setImmediate as nextTick } from 'node:timers/promises';
import type { DonationEventV1 } from '@donations/contracts';
import { EnvelopeContext, toDonationEvent } from '../pipeline/event-factory';
import type { CampaignRef, DonationDraft } from '../pipeline/platform-mapping';
import { WebhookError, WebhookErrorCode } from '../pipeline/webhook.errors';
import type { ParsedStatement, RejectedRow, StatementRecord } from './statement-csv';
import type { StatementFormat } from './statement-format';
import { interpretRow, StatementEntry, StatementRowError } from './statement-row';
import type { StatementRowCode } from './statement.errors';

/** A DonationEvent built from a statement line. */
export interface StatementEvent {
  line: number;
  event: DonationEventV1;
  /** The line as it was in the file (a dead letter carries it if the row is refused later). */
  text?: string;
}

export interface StatementEvents {
  events: StatementEvent[];
  rejected: RejectedRow[];
  /** Rows of an ignored kind (fees, payouts). */
  ignored: number;
}

export interface StatementEventContext {
  format: StatementFormat;
  envelope: EnvelopeContext;
  /** The campaign registry: throws WebhookError WEBHOOK.UNKNOWN_CAMPAIGN for an unknown id. */
  resolveCampaign(platformProjectId: string): Promise<CampaignRef>;
  /** The campaign an accepted donation of the transaction went to (the receipts), if any. */
  campaignOfTransaction(platformTxnId: string): Promise<CampaignRef | undefined>;
}

const ROWS_PER_TURN = 2_000;

/**
 * The statement's rows as DonationEvents with the same deterministic eventIds as webhooks
 * (toDonationEvent), so a donation seen by both counts once. A bad row is rejected with its
 * reason and line; a second row with an eventId already seen is a DUPLICATE_ROW.
 */
export async function statementEvents(
  parsed: Pick<ParsedStatement, 'records' | 'rejected'>,
  context: StatementEventContext,
): Promise<StatementEvents> {
  const result: StatementEvents = { events: [], rejected: [...parsed.rejected], ignored: 0 };
  const seen = new Set<string>();
  const donations = new Map<string, CampaignRef>();
  const campaigns: CampaignLookup = {
    ...context,
    campaignOfTransaction: async (txnId) =>
      donations.get(txnId) ?? (await context.campaignOfTransaction(txnId)),
  };
  for (const [i, record] of parsed.records.entries()) {
    if (i > 0 && i % ROWS_PER_TURN === 0) await nextTick();
    const outcome = interpretRow(record.values, context.format);
    if (outcome.outcome === 'ignored') {
      result.ignored += 1;
    } else if (outcome.outcome === 'rejected') {
      result.rejected.push({ ...lineOf(record), code: outcome.code, message: outcome.message });
    } else {
      const event = await addEvent(result, seen, record, () => eventOf(outcome.entry, campaigns));
      if (event?.type === 'donation.completed') {
        donations.set(event.platformTxnId, {
          campaignId: event.campaignId,
          charityId: event.charityId,
        });
      }
    }
  }
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}

async function addEvent(
  result: StatementEvents,
  seen: Set<string>,
  record: StatementRecord,
  build: () => Promise<DonationEventV1>,
): Promise<DonationEventV1 | undefined> {
  try {
    const event = await build();
    if (seen.has(event.eventId)) {
      throw new StatementRowError(
        'STATEMENT.DUPLICATE_ROW',
        `an earlier row has the same ${event.type === 'donation.refunded' ? 'refund' : 'donation'}`,
      );
    }
    seen.add(event.eventId);
    result.events.push({ line: record.line, event, text: record.text });
    return event;
  } catch (error) {
    const { code, message } = rowFailure(error);
    result.rejected.push({ ...lineOf(record), code, message });
    return undefined;
  }
}

type CampaignLookup = Pick<
  StatementEventContext,
  'resolveCampaign' | 'campaignOfTransaction' | 'envelope'
>;

async function eventOf(entry: StatementEntry, context: CampaignLookup): Promise<DonationEventV1> {
  const { campaign: _campaign, ...fields } = entry;
  const ref = await campaignRefOf(entry, context);
  const draft: DonationDraft = {
    ...fields,
    campaignId: ref.campaignId,
    charityId: ref.charityId,
    // Statements name no donor: the event gets the anonymous per-transaction donor hash.
    donor: {},
  };
  return toDonationEvent(draft, context.envelope);
}

async function campaignRefOf(
  { campaign, platformTxnId }: StatementEntry,
  context: CampaignLookup,
): Promise<CampaignRef> {
  if (campaign === undefined) {
    const ofDonation = await context.campaignOfTransaction(platformTxnId);
    if (ofDonation) return ofDonation;
    throw new StatementRowError(
      'STATEMENT.UNKNOWN_CAMPAIGN',
      'the refund names no campaign and no donation of its transaction is known',
    );
  }
  return 'projectId' in campaign ? context.resolveCampaign(campaign.projectId) : campaign;
}

function rowFailure(error: unknown): { code: StatementRowCode; message: string } {
  if (error instanceof StatementRowError) return { code: error.code, message: error.message };
  if (error instanceof WebhookError) return { code: rowCodeOf(error.code), message: error.message };
  throw error;
}

function rowCodeOf(code: WebhookErrorCode): StatementRowCode {
  switch (code) {
    case 'WEBHOOK.INVALID_AMOUNT':
      return 'STATEMENT.INVALID_AMOUNT';
    case 'WEBHOOK.UNKNOWN_CURRENCY':
      return 'STATEMENT.UNKNOWN_CURRENCY';
    case 'WEBHOOK.INVALID_CHARITY':
      return 'STATEMENT.INVALID_CHARITY';
    case 'WEBHOOK.UNKNOWN_CAMPAIGN':
      return 'STATEMENT.UNKNOWN_CAMPAIGN';
    default:
      return 'STATEMENT.INVALID_EVENT';
  }
}

function lineOf(record: StatementRecord): { line: number; text: string } {
  return { line: record.line, text: record.text };
}
