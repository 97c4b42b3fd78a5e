import { donationEventId, makeUscc } from '@donations/contracts';
import { WebhookError } from '../pipeline/webhook.errors';
import { SHUIDI_STATEMENT_FORMAT } from './formats/shuidi.format';
import { parseStatementCsv } from './statement-csv';
import { statementEvents } from './statement-events';

const CHARITY = makeUscc('53100000500021676');
const HEADER = 'orderNo,type,refundNo,occurredAt,amountFen,currency,projectId,campaignId,charityId';

async function eventsOf(lines: string[]) {
  const parsed = await parseStatementCsv(
    Buffer.from([HEADER, ...lines].join('\n')),
    SHUIDI_STATEMENT_FORMAT,
  );
  return statementEvents(parsed, {
    format: SHUIDI_STATEMENT_FORMAT,
    envelope: {
      platform: 'shuidi',
      receivedAt: new Date('2026-09-10T01:00:00Z'),
      correlationId: 'import-1',
      donorHashKey: 'test-donor-hash-key-0123456789abcdef',
    },
    resolveCampaign: (projectId) =>
      projectId === 'proj-1'
        ? Promise.resolve({ campaignId: 'campaign-1', charityId: CHARITY })
        : Promise.reject(new WebhookError('WEBHOOK.UNKNOWN_CAMPAIGN', `no ${projectId}`)),
    campaignOfTransaction: (txnId) =>
      Promise.resolve(
        txnId === 'sd-webhook' ? { campaignId: 'campaign-9', charityId: CHARITY } : undefined,
      ),
  });
}

describe('statementEvents', () => {
  it('gives donations and refunds the eventIds webhooks give them', async () => {
    const { events, rejected } = await eventsOf([
      'sd-1,donation.paid,,2026-09-09 10:00:00,500,CNY,proj-1,,',
      'sd-1,donation.refunded,r-1,2026-09-09 11:00:00,200,CNY,proj-1,,',
    ]);
    expect(rejected).toEqual([]);
    expect(events.map(({ line, event }) => [line, event.eventId])).toEqual([
      [
        2,
        donationEventId({ platform: 'shuidi', type: 'donation.completed', platformTxnId: 'sd-1' }),
      ],
      [
        3,
        donationEventId({
          platform: 'shuidi',
          type: 'donation.refunded',
          platformTxnId: 'sd-1',
          refundId: 'r-1',
        }),
      ],
    ]);
    expect(events[0]?.event).toMatchObject({
      campaignId: 'campaign-1',
      charityId: CHARITY,
      amountMinor: 500,
      correlationId: 'import-1',
    });
  });

  it("puts a refund that names no campaign on its donation's campaign", async () => {
    const { events, rejected } = await eventsOf([
      'sd-1,donation.paid,,2026-09-09 10:00:00,500,CNY,proj-1,,',
      'sd-1,donation.refunded,r-1,2026-09-09 11:00:00,200,CNY,,,',
      'sd-webhook,donation.refunded,r-2,2026-09-09 11:00:00,200,CNY,,,',
      'sd-unknown,donation.refunded,r-3,2026-09-09 11:00:00,200,CNY,,,',
    ]);
    expect(events.map(({ event }) => [event.platformTxnId, event.campaignId])).toEqual([
      ['sd-1', 'campaign-1'],
      ['sd-1', 'campaign-1'],
      ['sd-webhook', 'campaign-9'],
    ]);
    expect(rejected.map(({ line, code }) => [line, code])).toEqual([
      [5, 'STATEMENT.UNKNOWN_CAMPAIGN'],
    ]);
  });

  it('rejects rows with their line and reason, keeping the rest', async () => {
    const { events, rejected } = await eventsOf([
      'sd-1,donation.paid,,2026-09-09 10:00:00,500,CNY,proj-1,,',
      'sd-2,donation.paid,,2026-09-09 10:00:00,500,CNY,nobody,,',
      'sd-3,donation.paid,,2026-09-09 10:00:00,500,CNY,,c-1,91350100M000100Y44',
      'sd-4,donation.paid,,2026-09-09 10:00:00,5.00,CNY,proj-1,,',
      'sd-1,donation.paid,,2026-09-09 10:00:00,500,CNY,proj-1,,',
      'broken',
    ]);
    expect(events.map(({ event }) => event.platformTxnId)).toEqual(['sd-1']);
    expect(rejected.map(({ line, code }) => [line, code])).toEqual([
      [3, 'STATEMENT.UNKNOWN_CAMPAIGN'],
      [4, 'STATEMENT.INVALID_CHARITY'],
      [5, 'STATEMENT.INVALID_AMOUNT'],
      [6, 'STATEMENT.DUPLICATE_ROW'],
      [7, 'STATEMENT.MALFORMED_ROW'],
    ]);
    expect(rejected[0]?.text).toBe('sd-2,donation.paid,,2026-09-09 10:00:00,500,CNY,nobody,,');
  });
});
