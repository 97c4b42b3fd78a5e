import type { Logger } from 'pino';
import { DonationEventV1, Platform, TOPICS } from '@donations/contracts';
import type { BatchingProducer, DeadLetterPublisher } from '@donations/kafka';
import type { CampaignRegistryRepository } from '../registry/campaign-registry.repository';
import type { WebhookReceiptsRepository } from '../receipts/webhook-receipts.repository';
import { STATEMENT_FORMATS } from './formats';
import { reconcile, ReceiptView, statementPeriod } from './reconciliation';
import { parseStatementCsv, RejectedRow } from './statement-csv';
import { StatementEvent, statementEvents } from './statement-events';
import { buildReport, StatementReport } from './statement-report';

export interface StatementImporterDeps {
  platform: Platform;
  producer: BatchingProducer;
  deadLetters: DeadLetterPublisher;
  registry: CampaignRegistryRepository;
  receipts: WebhookReceiptsRepository;
  logger: Logger;
  donorHashKey: string;
}

export interface StatementImportCommand {
  bytes: Buffer;
  dryRun: boolean;
  correlationId: string;
  receivedAt: Date;
}

/** Events per sendBatch and receipt insert; dead letters per concurrent group. */
const EMIT_CHUNK = 500;
/** Event ids per receipt lookup (PostgreSQL takes at most 65,535 parameters). */
const LOOKUP_CHUNK = 5_000;

/**
 * Imports a platform's daily statement (对账单): parses it, builds DonationEvents with the
 * webhooks' deterministic eventIds, reconciles them with the receipts, and (unless a dry run)
 * emits the events no webhook or earlier import delivered, recording their receipts, and
 * dead-letters the rejected rows. Idempotent: importing the same file again emits nothing new.
 */
export class StatementImporter {
  constructor(private readonly deps: StatementImporterDeps) {}

  get platform(): Platform {
    return this.deps.platform;
  }

  async import(command: StatementImportCommand): Promise<StatementReport> {
    const { platform, donorHashKey, registry } = this.deps;
    const { dryRun, correlationId, receivedAt } = command;
    const format = STATEMENT_FORMATS[platform];
    const parsed = await parseStatementCsv(command.bytes, format);
    const statement = await statementEvents(parsed, {
      format,
      envelope: { platform, donorHashKey, correlationId, receivedAt },
      resolveCampaign: (projectId) => registry.resolve(platform, projectId),
      campaignOfTransaction: (txnId) => this.deps.receipts.campaignOfTransaction(platform, txnId),
    });
    const period = statementPeriod(statement.events.map(({ event }) => event.occurredAt));
    const [known, inPeriod] = await Promise.all([
      this.knownReceipts(statement.events),
      period ? this.deps.receipts.findInPeriod(platform, period.from, period.to) : [],
    ]);
    const reconciliation = reconcile(statement.events, known, inPeriod);
    let emitted = 0;
    if (!dryRun) {
      emitted = await this.emit(reconciliation.toEmit, correlationId);
      await this.deadLetter(statement.rejected, parsed.header, correlationId);
    }
    const report = buildReport(platform, {
      dryRun,
      correlationId,
      period,
      statement,
      reconciliation,
      emitted,
    });
    this.deps.logger.info(
      { platform, correlationId, dryRun, counts: report.counts },
      'statement imported',
    );
    return report;
  }

  private async knownReceipts(events: readonly StatementEvent[]): Promise<ReceiptView[]> {
    const found: ReceiptView[] = [];
    for (const chunk of chunks(events, LOOKUP_CHUNK)) {
      found.push(
        ...(await this.deps.receipts.findByEventIds(chunk.map(({ event }) => event.eventId))),
      );
    }
    return found;
  }

  /** Chunk by chunk: the events are durable (acks=all) before their receipts are written. */
  private async emit(events: readonly StatementEvent[], correlationId: string): Promise<number> {
    for (const chunk of chunks(events, EMIT_CHUNK)) {
      const values: DonationEventV1[] = chunk.map(({ event }) => event);
      await this.deps.producer.send([
        {
          topic: TOPICS.donationsNormalized,
          messages: values.map((event) => ({ key: event.campaignId, value: event, correlationId })),
        },
      ]);
      await this.deps.receipts.record(values, 'statement');
    }
    return events.length;
  }

  /** Each rejected row's bytes with its reason; the header travels along to read them. */
  private async deadLetter(rows: readonly RejectedRow[], header: string, correlationId: string) {
    const { platform, deadLetters } = this.deps;
    for (const chunk of chunks(rows, EMIT_CHUNK)) {
      await Promise.all(
        chunk.map((row) =>
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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}
