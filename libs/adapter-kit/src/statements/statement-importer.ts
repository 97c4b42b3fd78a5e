import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DonationEventV1, Platform, TOPICS } from '@donations/contracts';
import type { BatchingProducer, DeadLetterPublisher } from '@donations/kafka';
import { EnvelopeContext, toDonationEvent } from '../pipeline/event-factory';
import { issuedRefundDraft } from '../pipeline/platform-mapping';
import type { TransactionLock } from '../pipeline/transaction-lock';
import type { CampaignRegistryRepository } from '../registry/campaign-registry.repository';
import type { WebhookReceiptsRepository } from '../receipts/webhook-receipts.repository';
import { STATEMENT_FORMATS } from './formats';
import { reconcile } from './reconciliation';
import { ParsedChunk, parseStatementLines, RejectedRow } from './statement-csv';
import { StatementEvent, statementEvents } from './statement-events';
import { statementLines } from './statement-lines';
import { STATEMENT_BODY_LIMIT_BYTES } from './statement-route';
import { buildReport, REPORT_LIST_LIMIT, StatementReport } from './statement-report';
import type { StatementStagingRepository } from './statement-staging.repository';
import { StatementTally } from './statement-tally';

export interface StatementImporterDeps {
  platform: Platform;
  producer: BatchingProducer;
  deadLetters: DeadLetterPublisher;
  registry: CampaignRegistryRepository;
  receipts: WebhookReceiptsRepository;
  staging: StatementStagingRepository;
  lock: TransactionLock;
  logger: Logger;
  donorHashKey: string;
}

export interface StatementImportCommand {
  /** The file's bytes as they arrive (the HTTP request body, streamed). */
  body: AsyncIterable<Uint8Array>;
  dryRun: boolean;
  correlationId: string;
  receivedAt: Date;
}

/** Events per sendBatch and receipt insert; dead letters sent concurrently. */
const EMIT_CHUNK = 500;
const DEAD_LETTER_GROUP = 500;

/**
 * Imports a platform's daily statement (对账单), streamed a batch of lines at a time: parses
 * them, builds DonationEvents with the webhooks' deterministic eventIds, stages their ids in
 * PostgreSQL, reconciles them with the receipts and (unless a dry run) emits what no webhook or
 * earlier import delivered, recording its receipts, and dead-letters the rejected rows. Refund
 * rows of platforms whose refunds are settled per transaction go through the same settlement,
 * under the same lock, as that platform's refund webhooks. At the end, one query finds the
 * receipts of the period the statement lacks. Memory holds one batch, whatever the file's size
 * and period. Idempotent: importing the same file again emits nothing new.
 */
export class StatementImporter {
  constructor(private readonly deps: StatementImporterDeps) {}

  get platform(): Platform {
    return this.deps.platform;
  }

  async import(command: StatementImportCommand): Promise<StatementReport> {
    const { platform, staging } = this.deps;
    const { dryRun, correlationId } = command;
    const format = STATEMENT_FORMATS[platform];
    const importId = randomUUID();
    const tally = new StatementTally();
    try {
      const lines = statementLines(command.body, STATEMENT_BODY_LIMIT_BYTES);
      for await (const chunk of parseStatementLines(lines, format)) {
        await this.importChunk(chunk, importId, command, tally);
      }
      const period = tally.period;
      if (period) {
        const lacking = await staging.missingFromStatement(
          importId,
          platform,
          period,
          format.refundsPerTransaction === true,
          REPORT_LIST_LIMIT,
        );
        tally.lacking(lacking.count, lacking.first);
      }
    } finally {
      await staging.clear(importId);
    }
    const report = buildReport(platform, tally.input(dryRun, correlationId));
    this.deps.logger.info(
      { platform, correlationId, dryRun, counts: report.counts },
      'statement imported',
    );
    return report;
  }

  private async importChunk(
    chunk: ParsedChunk,
    importId: string,
    command: StatementImportCommand,
    tally: StatementTally,
  ): Promise<void> {
    const { platform, donorHashKey, receipts, staging } = this.deps;
    const { correlationId, receivedAt, dryRun } = command;
    const format = STATEMENT_FORMATS[platform];
    const envelope: EnvelopeContext = { platform, donorHashKey, correlationId, receivedAt };
    const built = await this.eventsOf(chunk, importId, envelope);
    const perTransaction = (entry: StatementEvent) =>
      format.refundsPerTransaction === true && entry.event.type === 'donation.refunded';
    const candidates = built.events.filter((entry) => !perTransaction(entry));
    // A duplicate's receipt is looked up for nothing, but both round trips go at once.
    const [fresh, known] = await Promise.all([
      staging.stage(importId, built.events),
      receipts.findByEventIds(candidates.map(({ event }) => event.eventId)),
    ]);
    const isFresh = (entry: StatementEvent) => fresh.has(entry.event.eventId);
    const rejected = [...built.rejected, ...built.events.filter((e) => !isFresh(e)).map(duplicate)];
    rejected.sort((a, b) => a.line - b.line);
    const events = built.events.filter(isFresh);
    tally.events(events);
    tally.ignoredRows(built.ignored);
    tally.rejectedRows(rejected);
    const reconciliation = reconcile(candidates.filter(isFresh), known);
    tally.matched(reconciliation.matched.length);
    tally.mismatches(reconciliation.amountMismatches);
    tally.missing(reconciliation.missingFromWebhooks);
    const refundRows = events.filter(perTransaction);
    const settled = await this.settleRefunds(refundRows, envelope, dryRun, tally);
    const toEmit = [...reconciliation.toEmit.map(({ event }) => event), ...settled];
    if (!dryRun) {
      tally.emitted(await this.emit(toEmit, correlationId));
      await this.deadLetter(rejected, chunk.header, correlationId);
    }
  }

  /** The chunk's rows as events; a refund naming no campaign finds its donation's. */
  private eventsOf(chunk: ParsedChunk, importId: string, envelope: EnvelopeContext) {
    const { platform, registry, receipts, staging } = this.deps;
    return statementEvents(chunk, {
      format: STATEMENT_FORMATS[platform],
      envelope,
      resolveCampaign: (projectId) => registry.resolve(platform, projectId),
      campaignOfTransaction: async (txnId) =>
        (await staging.campaignOfTransaction(importId, txnId)) ??
        (await receipts.campaignOfTransaction(platform, txnId)),
    });
  }

  /**
   * Each refund row is a `single` observation of its transaction, settled as its webhooks are,
   * under the transaction's lock; what it raises is reported as missing from the webhooks.
   */
  private async settleRefunds(
    rows: readonly StatementEvent[],
    envelope: EnvelopeContext,
    dryRun: boolean,
    tally: StatementTally,
  ): Promise<DonationEventV1[]> {
    const { platform, receipts, lock } = this.deps;
    const toEmit: DonationEventV1[] = [];
    for (const { line, event } of rows) {
      if (event.type !== 'donation.refunded') continue;
      const txn = event.platformTxnId;
      const settlement = await lock.withLock(`${platform}:${txn}`, () =>
        receipts.settleRefunds(
          platform,
          {
            platformTxnId: txn,
            observations: [
              { basis: 'single', key: event.refundId, amountMinor: event.amountMinor },
            ],
            source: 'statement',
            campaign: { campaignId: event.campaignId, charityId: event.charityId },
            currency: event.currency,
            occurredAt: event.occurredAt,
          },
          dryRun,
        ),
      );
      const issued = settlement.toEmit.map((refund) =>
        toDonationEvent(issuedRefundDraft(refund), envelope),
      );
      toEmit.push(...issued);
      if (issued.length > 0) {
        tally.missing(issued.map((refund) => ({ line, event: refund, alreadyImported: false })));
      } else if (settlement.seenBefore === 'statement') {
        tally.missing([{ line, event, alreadyImported: true }]);
      } else {
        tally.matched(1);
      }
    }
    return toEmit;
  }

  /**
   * The events are durable (acks=all) before their receipts are written. A streamed import waits
   * for room in the producer's queue (backpressure) rather than failing while webhooks fill it.
   */
  private async emit(events: readonly DonationEventV1[], correlationId: string): Promise<number> {
    for (let start = 0; start < events.length; start += EMIT_CHUNK) {
      const chunk = events.slice(start, start + EMIT_CHUNK);
      await this.deps.producer.send(
        [
          {
            topic: TOPICS.donationsNormalized,
            messages: chunk.map((event) => ({
              key: event.campaignId,
              value: event,
              correlationId,
            })),
          },
        ],
        { whenFull: 'wait' },
      );
      await this.deps.receipts.record(chunk, 'statement');
    }
    return events.length;
  }

  /** Each rejected row's bytes with its reason; the header travels along to read them. */
  private async deadLetter(rows: readonly RejectedRow[], header: string, correlationId: string) {
    const { platform, deadLetters } = this.deps;
    for (let start = 0; start < rows.length; start += DEAD_LETTER_GROUP) {
      await Promise.all(
        rows.slice(start, start + DEAD_LETTER_GROUP).map((row) =>
          deadLetters.publish({
            reason: row.code,
            message: `line ${row.line}: ${row.message}`,
            originalBytes: Buffer.from(row.text, 'utf8'),
            // Keyed by line: every import's letter of a line lands on one partition, in order.
            originalKey: `${platform}:statement:${row.line}`,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'x-statement-line': String(row.line),
              'x-statement-header': header,
            },
            correlationId,
          }),
        ),
      );
    }
  }
}

function duplicate({ line, event, text = '' }: StatementEvent): RejectedRow {
  const what = event.type === 'donation.refunded' ? 'refund' : 'donation';
  return {
    line,
    text,
    code: 'STATEMENT.DUPLICATE_ROW',
    message: `an earlier row has the same ${what}`,
  };
}
