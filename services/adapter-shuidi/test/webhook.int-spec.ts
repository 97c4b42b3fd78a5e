import { Webhook } from 'standardwebhooks';
import { donationEventId, makeUscc } from '@donations/contracts';
import { loadConfig } from '@donations/config';
import { AdapterHarness, adapterTestEnv, uniqueSuffix } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterShuidiConfigSchema } from '../src/config/adapter-shuidi.config';

const OLD_SECRET = `whsec_${Buffer.from('shuidi-old-secret-0123456789abcdef').toString('base64')}`;
const NEW_SECRET = `whsec_${Buffer.from('shuidi-new-secret-0123456789abcdef').toString('base64')}`;
const CHARITY = makeUscc('53100000500021676');

function paid(overrides: Record<string, unknown> = {}) {
  return {
    type: 'donation.paid',
    data: {
      orderNo: `sd-${uniqueSuffix()}`,
      projectId: 'proj-1',
      amountFen: 500,
      occurredAt: '2026-09-09T10:00:01+08:00',
      donor: { userId: 'user-42', ageBand: '18-24', region: 'CN-GD' },
      ...overrides,
    },
  };
}

describe('adapter-shuidi (Standard Webhooks) on real Kafka and PostgreSQL', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterShuidiConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      SHUIDI_WEBHOOK_SECRETS: `${NEW_SECRET},${OLD_SECRET}`,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-shuidi', AppModule.register(config));
    await harness.register('shuidi', 'proj-1', campaignId, CHARITY);
  });

  afterAll(() => harness.close());

  function send(body: unknown, { secret = NEW_SECRET, at = new Date(), tamper = false } = {}) {
    const raw = Buffer.from(JSON.stringify(body));
    const id = `msg_${uniqueSuffix()}`;
    const signature = new Webhook(secret).sign(id, at, raw);
    if (tamper) raw[raw.length - 3] ^= 0x01;
    const correlationId = `c-${uniqueSuffix()}`;
    return {
      correlationId,
      raw,
      result: harness.post('/webhooks/shuidi', raw, {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
        'x-correlation-id': correlationId,
      }),
    };
  }

  it('accepts a signed donation only after it is on donations.normalized.v1 and donations.raw', async () => {
    const body = paid();
    const { result } = send(body);
    expect((await result).status).toBe(204);
    const [event] = await harness.waitForEvents(body.data.orderNo, 1);
    expect(event).toMatchObject({
      type: 'donation.completed',
      platform: 'shuidi',
      campaignId,
      charityId: CHARITY,
      amountMinor: 500,
      currency: 'CNY',
      donor: { ageBand: '18-24', region: 'CN-GD' },
      eventId: donationEventId({
        platform: 'shuidi',
        type: 'donation.completed',
        platformTxnId: body.data.orderNo,
      }),
    });
    expect(JSON.stringify(event)).not.toContain('user-42');
    // The collectors read the two topics on their own: the raw one may come a moment later.
    const raw = await harness.waitForRaw(`shuidi:${body.data.orderNo}`);
    expect(Buffer.from(raw.value.bodyBase64, 'base64').toString()).toBe(JSON.stringify(body));
  });

  it('counts a retried webhook once: the same eventId, a success answer each time', async () => {
    const body = paid();
    expect((await send(body).result).status).toBe(204);
    expect((await send(body).result).status).toBe(204);
    const events = await harness.waitForEvents(body.data.orderNo, 2);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
  });

  it('verifies with every configured secret during rotation', async () => {
    const body = paid();
    expect((await send(body, { secret: OLD_SECRET }).result).status).toBe(204);
    await harness.waitForEvents(body.data.orderNo, 1);
  });

  it.each([
    ['a tampered byte', { tamper: true }, 401, 'WEBHOOK.SIGNATURE_INVALID'],
    [
      'a wrong key',
      { secret: `whsec_${Buffer.from('not-our-secret-0123456789').toString('base64')}` },
      401,
      'WEBHOOK.SIGNATURE_INVALID',
    ],
    [
      'a stale timestamp',
      { at: new Date(Date.now() - 10 * 60_000) },
      401,
      'WEBHOOK.TIMESTAMP_STALE',
    ],
  ])('rejects %s and dead-letters the original bytes', async (_name, options, status, code) => {
    const body = paid();
    const { result, correlationId, raw } = send(body, options);
    const answer = await result;
    expect(answer.status).toBe(status);
    expect(answer.json().code).toBe(code);
    expect(answer.json().message.length).toBeGreaterThan(0);
    const letter = await harness.waitForDeadLetter(correlationId);
    expect(letter.reason).toBe(code);
    expect(letter.source).toBe('adapter-shuidi');
    expect(Buffer.from(letter.originalValueBase64, 'base64').equals(raw)).toBe(true);
    expect(harness.eventsFor(body.data.orderNo)).toEqual([]);
  });

  it.each([
    ['an unknown campaign', paid({ projectId: 'nobody-knows' }), 'WEBHOOK.UNKNOWN_CAMPAIGN'],
    [
      'an invalid USCC',
      paid({ campaign: { campaignId: 'c', charityId: '91350100M000100Y44' } }),
      'WEBHOOK.INVALID_CHARITY',
    ],
    ['a negative amount', paid({ amountFen: -5 }), 'WEBHOOK.INVALID_AMOUNT'],
    ['a fractional amount', paid({ amountFen: 1.5 }), 'WEBHOOK.INVALID_AMOUNT'],
    [
      'an unknown event type',
      { ...paid(), type: 'donation.teleported' },
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
    ],
    ['a malformed body', { type: 'donation.paid', data: { orderNo: 1 } }, 'WEBHOOK.MALFORMED_BODY'],
  ])('answers 422/400 for %s with a stable code, on the DLQ', async (_name, body, code) => {
    const { result, correlationId } = send(body);
    const answer = await result;
    expect([400, 422]).toContain(answer.status);
    expect(answer.json().code).toBe(code);
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(code);
  });

  it('answers 415 for a wrong content type', async () => {
    const raw = Buffer.from(JSON.stringify(paid()));
    const id = `msg_${uniqueSuffix()}`;
    const at = new Date();
    const answer = await harness.post('/webhooks/shuidi', raw, {
      'content-type': 'text/plain',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(NEW_SECRET).sign(id, at, raw),
    });
    expect(answer.status).toBe(415);
    expect(answer.json().code).toBe('WEBHOOK.UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 413 with a JSON error for a body over 256 KiB', async () => {
    const answer = await harness.post('/webhooks/shuidi', Buffer.alloc(300 * 1024, 'a'), {
      'content-type': 'application/json',
    });
    expect(answer.status).toBe(413);
    expect(answer.json().code).toBe('WEBHOOK.BODY_TOO_LARGE');
  });

  it('accepts a refund that arrives before its donation', async () => {
    const orderNo = `sd-${uniqueSuffix()}`;
    const refund = paid({ orderNo, refundNo: 'r-1', amountFen: 200 });
    refund.type = 'donation.refunded';
    expect((await send(refund).result).status).toBe(204);
    expect((await send(paid({ orderNo })).result).status).toBe(204);
    const events = await harness.waitForEvents(orderNo, 2);
    expect(events.map((event) => event.type).sort()).toEqual([
      'donation.completed',
      'donation.refunded',
    ]);
  });

  it('answers 503 while the broker is down, and accepts the retry once it is back, as one event', async () => {
    const body = paid();
    await harness.whileBrokerStopped(async () => {
      const answer = await send(body).result;
      expect(answer.status).toBe(503);
      expect(answer.json().code).toBe('WEBHOOK.UNAVAILABLE');
    });
    const retried = await harness.retryUntil(() => send(body).result, 204);
    expect(retried.status).toBe(204);
    const events = await harness.waitForEvents(body.data.orderNo, 1);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
  });
});
