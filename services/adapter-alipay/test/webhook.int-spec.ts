import type { KeyObject } from 'node:crypto';
import { loadConfig } from '@donations/config';
import { donationEventId, makeUscc } from '@donations/contracts';
import { AdapterHarness, adapterTestEnv, uniqueSuffix } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterAlipayConfigSchema } from '../src/config/adapter-alipay.config';
import {
  alipayPublicKey,
  APP_ID,
  appPrivateKey,
  NotifyParams,
  paidNotify,
  refundNotify,
  refundsOf,
  rsaKeys,
  SELLER_ID,
  signedForm,
} from './alipay-notify.builder';

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const CHARITY = makeUscc('53100000500021676');
const alipay = rsaKeys();
const previous = rsaKeys();
const stranger = rsaKeys();

interface SendOptions {
  privateKey?: KeyObject;
  signType?: 'RSA2' | 'RSA';
  tamper?: boolean;
  contentType?: string;
}

describe('adapter-alipay (Alipay notify, RSA2) on real Kafka and PostgreSQL', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterAlipayConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      ALIPAY_APP_ID: APP_ID,
      ALIPAY_APP_PRIVATE_KEY: appPrivateKey(rsaKeys().privateKey),
      ALIPAY_PUBLIC_KEYS: [alipay, previous].map((keys) => alipayPublicKey(keys.publicKey)).join(),
    });
    harness = await AdapterHarness.start(prepared, 'adapter-alipay', AppModule.register(config));
    await harness.register('alipay', SELLER_ID, campaignId, CHARITY);
  });

  afterAll(() => harness.close());

  function send(params: NotifyParams, options: SendOptions = {}) {
    const { privateKey = alipay.privateKey, signType, tamper = false } = options;
    const raw = signedForm(params, { privateKey, signType });
    if (tamper) raw[raw.indexOf('total_amount=') + 'total_amount='.length] ^= 0x01;
    const correlationId = `c-${uniqueSuffix()}`;
    const headers = {
      'content-type': options.contentType ?? FORM,
      'x-correlation-id': correlationId,
    };
    return { correlationId, raw, result: harness.post('/webhooks/alipay', raw, headers) };
  }

  async function deliver(params: NotifyParams): Promise<void> {
    const answer = await send(params).result;
    expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: 'success' });
  }

  /**
   * Events of one campaign share a partition: once a later donation is read, every event
   * acknowledged before it has been read too. Lets a test say "and nothing else" without sleeping.
   */
  async function settled(): Promise<void> {
    const marker = paidNotify();
    await deliver(marker);
    await harness.waitForEvents(marker.trade_no, 1);
  }

  it('accepts a signed notify with `success` only after it is on donations.normalized.v1 and donations.raw', async () => {
    const params = paidNotify();
    const { result, raw } = send(params);
    const answer = await result;
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('success');
    const [event] = await harness.waitForEvents(params.trade_no, 1);
    expect(event).toMatchObject({
      type: 'donation.completed',
      platform: 'alipay',
      platformTxnId: params.trade_no,
      campaignId,
      charityId: CHARITY,
      amountMinor: 8888,
      currency: 'CNY',
      occurredAt: '2026-09-09T10:00:01+08:00',
      eventId: donationEventId({
        platform: 'alipay',
        type: 'donation.completed',
        platformTxnId: params.trade_no,
      }),
    });
    expect(JSON.stringify(event)).not.toContain(params.buyer_id);
    // The collectors read the two topics on their own: the raw one may come a moment later.
    const stored = await harness.waitForRaw(`alipay:${params.trade_no}`);
    expect(Buffer.from(stored.value.bodyBase64, 'base64').equals(raw)).toBe(true);
  });

  it('counts a redelivered notify once: the same eventId, `success` each time', async () => {
    const params = paidNotify();
    await deliver(params);
    await deliver({ ...params, notify_time: '2026-09-09 10:04:05' });
    const events = await harness.waitForEvents(params.trade_no, 2);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
  });

  it('verifies with every configured Alipay public key during key rotation', async () => {
    const params = paidNotify();
    expect((await send(params, { privateKey: previous.privateKey }).result).text).toBe('success');
    await harness.waitForEvents(params.trade_no, 1);
  });

  it('routes a notify to the campaign named in passback_params', async () => {
    const passback = JSON.stringify({ campaignId: 'campaign-passback', charityId: CHARITY });
    const params = paidNotify({ passback_params: encodeURIComponent(passback) });
    await deliver(params);
    const [event] = await harness.waitForEvents(params.trade_no, 1);
    expect(event.campaignId).toBe('campaign-passback');
  });

  it.each<[string, NotifyParams, SendOptions, string]>([
    ['a tampered byte', paidNotify(), { tamper: true }, 'WEBHOOK.SIGNATURE_INVALID'],
    ['a wrong key', paidNotify(), { privateKey: stranger.privateKey }, 'WEBHOOK.SIGNATURE_INVALID'],
    ['sign_type RSA (SHA1withRSA)', paidNotify(), { signType: 'RSA' }, 'WEBHOOK.SIGNATURE_INVALID'],
    ['another app', paidNotify({ app_id: '2021009999999999' }), {}, 'WEBHOOK.SIGNATURE_INVALID'],
  ])(
    'rejects %s with 401 and dead-letters the original bytes',
    async (_name, params, options, code) => {
      const { result, correlationId, raw } = send(params, options);
      const answer = await result;
      expect(answer.status).toBe(401);
      expect(answer.json().code).toBe(code);
      const letter = await harness.waitForDeadLetter(correlationId);
      expect(letter.reason).toBe(code);
      expect(letter.source).toBe('adapter-alipay');
      expect(Buffer.from(letter.originalValueBase64, 'base64').equals(raw)).toBe(true);
      expect(harness.eventsFor(params.trade_no)).toEqual([]);
    },
  );

  it('rejects a notify without sign with 401 SIGNATURE_MISSING, on the DLQ', async () => {
    const correlationId = `c-${uniqueSuffix()}`;
    const body = new URLSearchParams({ ...paidNotify(), sign_type: 'RSA2' }).toString();
    const answer = await harness.post('/webhooks/alipay', body, {
      'content-type': FORM,
      'x-correlation-id': correlationId,
    });
    expect([answer.status, answer.json().code]).toEqual([401, 'WEBHOOK.SIGNATURE_MISSING']);
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(
      'WEBHOOK.SIGNATURE_MISSING',
    );
  });

  it.each([
    ['an amount of 12.345', paidNotify({ total_amount: '12.345' }), 'WEBHOOK.INVALID_AMOUNT'],
    ['an amount of abc', paidNotify({ total_amount: 'abc' }), 'WEBHOOK.INVALID_AMOUNT'],
    [
      'an invalid USCC in passback_params',
      paidNotify({
        passback_params: encodeURIComponent('{"campaignId":"c","charityId":"91350100M000100Y44"}'),
      }),
      'WEBHOOK.INVALID_CHARITY',
    ],
    [
      'an unknown campaign',
      paidNotify({ seller_id: '2088000000000001' }),
      'WEBHOOK.UNKNOWN_CAMPAIGN',
    ],
    [
      'an unknown trade_status',
      paidNotify({ trade_status: 'TRADE_TELEPORTED' }),
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
    ],
  ])('answers 422 for %s with a stable code, on the DLQ', async (_name, params, code) => {
    const { result, correlationId } = send(params);
    const answer = await result;
    expect(answer.status).toBe(422);
    expect(answer.json().code).toBe(code);
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(code);
    expect(harness.eventsFor(params.trade_no)).toEqual([]);
  });

  it('answers 415 for a wrong content type, on the DLQ', async () => {
    const { result, correlationId } = send(paidNotify(), { contentType: 'application/json' });
    const answer = await result;
    expect(answer.status).toBe(415);
    expect(answer.json().code).toBe('WEBHOOK.UNSUPPORTED_MEDIA_TYPE');
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(
      'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers 413 with a JSON error for a body over 256 KiB', async () => {
    const answer = await harness.post('/webhooks/alipay', Buffer.alloc(300 * 1024, 'a'), {
      'content-type': FORM,
    });
    expect(answer.status).toBe(413);
    expect(answer.json().code).toBe('WEBHOOK.BODY_TOO_LARGE');
  });

  it.each([
    [
      'a trade awaiting payment (WAIT_BUYER_PAY)',
      { trade_status: 'WAIT_BUYER_PAY', gmt_payment: undefined },
    ],
    [
      'an unpaid trade closing (TRADE_CLOSED without refund_fee)',
      { trade_status: 'TRADE_CLOSED', gmt_payment: undefined },
    ],
  ])('answers `success` for %s and emits no event', async (_name, overrides) => {
    const params = paidNotify(overrides);
    await deliver(params);
    await settled();
    expect(harness.eventsFor(params.trade_no)).toEqual([]);
    await harness.waitForRaw(`alipay:${params.trade_no}`);
  });

  it('turns cumulative refund_fee 30.00 then 50.00 into refunds of 3000 and 2000 fen, named by level', async () => {
    const paid = paidNotify();
    await deliver(paid);
    await deliver(refundNotify(paid, '30.00', { out_biz_no: 'R1' }));
    await deliver(refundNotify(paid, '50.00', { out_biz_no: 'R2' }));
    await settled();
    expect(refundsOf(harness.eventsFor(paid.trade_no))).toEqual([
      { amountMinor: 3000, refundId: 'level:3000' },
      { amountMinor: 2000, refundId: 'level:5000' },
    ]);
  });

  it('counts a redelivered or overtaken refund notify once', async () => {
    const paid = paidNotify();
    const first = refundNotify(paid, '30.00', { out_biz_no: 'R1' });
    const second = refundNotify(paid, '50.00', { out_biz_no: 'R2' });
    for (const params of [paid, first, first, second, first, second]) await deliver(params);
    await settled();
    const events = harness.eventsFor(paid.trade_no);
    expect(refundsOf(events)).toEqual([
      { amountMinor: 3000, refundId: 'level:3000' },
      { amountMinor: 2000, refundId: 'level:5000' },
    ]);
    const donations = events.filter((event) => event.type === 'donation.completed');
    expect(new Set(donations.map((event) => event.eventId)).size).toBe(1);
  });

  it('keeps the refunds at the last cumulative refund_fee under concurrent notifies', async () => {
    const paid = paidNotify();
    await deliver(paid);
    const fees = ['10.00', '20.00', '30.00', '40.00', '40.00'];
    await Promise.all(fees.map((fee) => deliver(refundNotify(paid, fee))));
    await settled();
    const refunds = refundsOf(harness.eventsFor(paid.trade_no));
    expect(refunds.reduce((sum, refund) => sum + refund.amountMinor, 0)).toBe(4000);
  });

  it('answers 30 concurrent refund notifies of different trades (more than the pool holds)', async () => {
    const trades = Array.from({ length: 30 }, () => paidNotify());
    await Promise.all(trades.map((paid) => deliver(refundNotify(paid, '10.00'))));
    await settled();
    for (const paid of trades) {
      const refunds = refundsOf(harness.eventsFor(paid.trade_no));
      expect(refunds.map((refund) => refund.amountMinor)).toEqual([1000]);
    }
  });

  it('accepts a refund that arrives before its donation, with the right totals', async () => {
    const paid = paidNotify();
    await deliver(refundNotify(paid, '20.00', { out_biz_no: 'R1' }));
    await deliver(paid);
    await settled();
    const events = harness.eventsFor(paid.trade_no);
    const donations = events.filter((event) => event.type === 'donation.completed');
    expect(new Set(donations.map((event) => `${event.eventId}:${event.amountMinor}`))).toEqual(
      new Set([`${donations[0].eventId}:8888`]),
    );
    expect(refundsOf(events)).toEqual([{ amountMinor: 2000, refundId: 'level:2000' }]);
  });

  it('counts a full refund (TRADE_CLOSED with refund_fee) as the rest of the amount', async () => {
    const paid = paidNotify();
    await deliver(paid);
    await deliver(refundNotify(paid, '30.00', { out_biz_no: 'R1' }));
    await deliver(refundNotify(paid, '88.88', { trade_status: 'TRADE_CLOSED' }));
    await settled();
    expect(refundsOf(harness.eventsFor(paid.trade_no))).toEqual([
      { amountMinor: 3000, refundId: 'level:3000' },
      { amountMinor: 5888, refundId: 'level:8888' },
    ]);
  });

  it('answers 503 while the broker is down, and `success` for the retry once it is back, as one event', async () => {
    const params = paidNotify();
    await harness.whileBrokerStopped(async () => {
      const answer = await send(params).result;
      expect(answer.status).toBe(503);
      expect(answer.json().code).toBe('WEBHOOK.UNAVAILABLE');
    });
    const retried = await harness.retryUntil(() => send(params).result, 200);
    expect(retried.text).toBe('success');
    const events = await harness.waitForEvents(params.trade_no, 1);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
  });
});
