import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { makeUscc } from '@donations/contracts';
import { loadConfig } from '@donations/config';
import { AdapterHarness, adapterTestEnv, uniqueSuffix, waitFor } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterShuidiConfigSchema } from '../src/config/adapter-shuidi.config';

const SECRET = `whsec_${Buffer.from('shuidi-hostile-secret-0123456789ab').toString('base64')}`;
const CHARITY = makeUscc('53100000500021676');
const BODY_LIMIT = 256 * 1024;
const VALID = 1_000;
const HOSTILE = 16;
/** Valid webhooks in flight at once; the hostile requests go out together with one slice. */
const SLICE = 50;

describe('adapter-shuidi under hostile bytes (real Kafka and PostgreSQL)', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterShuidiConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      SHUIDI_WEBHOOK_SECRETS: SECRET,
    });
    harness = await AdapterHarness.start(
      prepared,
      'adapter-shuidi',
      AppModule.register(config),
      BODY_LIMIT,
    );
    await harness.register('shuidi', 'proj-1', campaignId, CHARITY);
  });

  afterAll(() => harness.close());

  function valid(orderNo: string) {
    const raw = Buffer.from(
      JSON.stringify({
        type: 'donation.paid',
        data: {
          orderNo,
          projectId: 'proj-1',
          amountFen: 100,
          occurredAt: '2026-09-09T10:00:01+08:00',
          donor: { userId: `user-${orderNo}` },
        },
      }),
    );
    const id = `msg_${orderNo}`;
    const at = new Date();
    return harness.post('/webhooks/shuidi', raw, {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(SECRET).sign(id, at, raw),
    });
  }

  it('16 concurrent 256 KiB unsigned requests with one correlation id fail no valid webhook, each counted once', async () => {
    const hostileCorrelation = `hostile-${uniqueSuffix()}`;
    const hostileBody = Buffer.alloc(BODY_LIMIT, 'x');
    const run = `h${uniqueSuffix()}`;
    const orders = Array.from({ length: VALID }, (_, i) => `${run}-${i}`);
    const statuses: number[] = [];
    const hostileStatuses: number[] = [];
    for (let start = 0; start < VALID; start += SLICE) {
      const slice = orders.slice(start, start + SLICE).map(async (orderNo) => {
        statuses.push((await valid(orderNo)).status);
      });
      // Every fourth slice carries the 16 hostile requests, all at once, in the same ticks.
      const hostile =
        start % (SLICE * 4) === 0
          ? Array.from({ length: HOSTILE }, async () => {
              const answer = await harness.post('/webhooks/shuidi', hostileBody, {
                'content-type': 'application/json',
                'x-correlation-id': hostileCorrelation,
              });
              hostileStatuses.push(answer.status);
            })
          : [];
      await Promise.all([...slice, ...hostile]);
    }

    const failed = statuses.filter((status) => status !== 204);
    expect({ failed: failed.length, statuses: [...new Set(failed)] }).toEqual({
      failed: 0,
      statuses: [],
    });
    expect(new Set(hostileStatuses)).toEqual(new Set([401]));

    // Every valid webhook on donations.normalized.v1, its eventId there exactly once.
    const mine = new Set(orders);
    const counted = await waitFor(
      () => {
        const events = harness.normalized.values().filter((e) => mine.has(e.platformTxnId));
        return events.length >= VALID ? events : undefined;
      },
      { timeoutMs: 60_000, description: `${VALID} events` },
    );
    const perEventId = new Map<string, number>();
    for (const event of counted) {
      perEventId.set(event.eventId, (perEventId.get(event.eventId) ?? 0) + 1);
    }
    expect(perEventId.size).toBe(VALID);
    expect([...perEventId.values()].filter((n) => n !== 1)).toEqual([]);

    // The unsigned bodies are on the DLQ as a hash and a bounded prefix, keyed by us.
    const letters = await waitFor(
      () => {
        const found = harness.dlq.messages.filter(
          (m) => m.value.correlationId === hostileCorrelation,
        );
        return found.length >= hostileStatuses.length ? found : undefined;
      },
      { timeoutMs: 60_000, description: 'the hostile dead letters' },
    );
    const sha256 = createHash('sha256').update(hostileBody).digest('hex');
    for (const letter of letters) {
      expect(letter.value).toMatchObject({
        reason: 'WEBHOOK.SIGNATURE_MISSING',
        originalSha256: sha256,
        originalSize: BODY_LIMIT,
        originalTruncated: true,
      });
      expect(Buffer.from(letter.value.originalValueBase64, 'base64').length).toBe(4096);
      expect(letter.key).not.toContain(hostileCorrelation);
    }
  });
});
