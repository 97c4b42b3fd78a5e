import { donationEventId, makeUscc } from '@donations/contracts';
import { loadConfig } from '@donations/config';
import { AdapterHarness, adapterTestEnv, uniqueSuffix } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterTencentConfigSchema } from '../src/config/adapter-tencent.config';
import {
  API_V3_KEY,
  notificationBody,
  NotificationOptions,
  PlatformKey,
  platformKey,
  platformKeysEnv,
  refund,
  SignOptions,
  transaction,
  wechatpayHeaders,
} from './wechatpay-notification.builder';

const CHARITY = makeUscc('53100000500021676');
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const OLD_KEY = platformKey('5157F09EFDC096DE15EBE81A47057A72');
const NEW_KEY = platformKey('PUB_KEY_ID_0114232134912410000000000000');
const STRANGER = platformKey('3775B6A45ACD588826D15E583A95F5DD');

interface SendOptions {
  key?: PlatformKey;
  sign?: SignOptions;
  encrypt?: NotificationOptions;
  headers?: Record<string, string>;
  tamper?: boolean;
}

describe('adapter-tencent (WeChat Pay API v3 notify) on real Kafka and PostgreSQL', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;
  const projectCampaignId = `campaign-p-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterTencentConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      WECHATPAY_APIV3_KEY: API_V3_KEY,
      WECHATPAY_PLATFORM_KEYS: platformKeysEnv([NEW_KEY, OLD_KEY]),
      WECHATPAY_MCHID: '1230000109',
    });
    harness = await AdapterHarness.start(prepared, 'adapter-tencent', AppModule.register(config));
    await harness.register('tencent', '1900000109', campaignId, CHARITY);
    await harness.register('tencent', 'project-7', projectCampaignId, CHARITY);
  });

  afterAll(() => harness.close());

  function post(raw: Buffer, headers: Record<string, string>) {
    const correlationId = `c-${uniqueSuffix()}`;
    const result = harness.post('/webhooks/tencent', raw, {
      ...headers,
      'x-correlation-id': correlationId,
    });
    return { correlationId, raw, headers, result };
  }

  function send(eventType: string, resource: unknown, options: SendOptions = {}) {
    const body = notificationBody(eventType, resource, options.encrypt);
    const signed = wechatpayHeaders(body, options.key ?? NEW_KEY, options.sign);
    if (options.tamper) body[body.length - 3] ^= 0x01;
    return post(body, { ...signed, ...options.headers });
  }

  const donate = (resource: Record<string, unknown>, options?: SendOptions) =>
    send('TRANSACTION.SUCCESS', resource, options);

  it('accepts a donation only after it is on donations.normalized.v1 and donations.raw', async () => {
    const resource = transaction();
    const { result, raw } = donate(resource);
    const answer = await result;
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    const [event] = await harness.waitForEvents(resource.transaction_id, 1);
    expect(event).toMatchObject({
      type: 'donation.completed',
      platform: 'tencent',
      campaignId,
      charityId: CHARITY,
      amountMinor: 500,
      currency: 'CNY',
      occurredAt: '2026-09-09T10:00:01+08:00',
      eventId: donationEventId({
        platform: 'tencent',
        type: 'donation.completed',
        platformTxnId: resource.transaction_id,
      }),
    });
    expect(JSON.stringify(event)).not.toContain(OPENID);
    const rawMessage = await harness.waitForRaw(`tencent:${resource.transaction_id}`);
    expect(Buffer.from(rawMessage.value.bodyBase64, 'base64').equals(raw)).toBe(true);
    expect(rawMessage.value.headers['wechatpay-serial']).toBe(NEW_KEY.serial);
  });

  it('counts a replayed request once: the same bytes and headers twice, 204 each time', async () => {
    const resource = transaction();
    const first = donate(resource);
    expect((await first.result).status).toBe(204);
    expect((await post(first.raw, first.headers).result).status).toBe(204);
    const events = await harness.waitForEvents(resource.transaction_id, 2);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
  });

  it('counts a redelivered notification once (a new notification id, nonce and timestamp)', async () => {
    const resource = transaction();
    expect((await donate(resource).result).status).toBe(204);
    expect((await donate(resource).result).status).toBe(204);
    const events = await harness.waitForEvents(resource.transaction_id, 2);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
  });

  it('verifies with every configured platform key during a rotation', async () => {
    const [old, current] = [transaction(), transaction()];
    expect((await donate(old, { key: OLD_KEY }).result).status).toBe(204);
    expect((await donate(current, { key: NEW_KEY }).result).status).toBe(204);
    await harness.waitForEvents(old.transaction_id, 1);
    await harness.waitForEvents(current.transaction_id, 1);
  });

  it('takes the campaign from a project named in attach', async () => {
    const resource = transaction({ attach: '{"projectId":"project-7"}' });
    expect((await donate(resource).result).status).toBe(204);
    const [event] = await harness.waitForEvents(resource.transaction_id, 1);
    expect(event.campaignId).toBe(projectCampaignId);
  });

  it.each<[string, SendOptions, number, string]>([
    ['a tampered byte', { tamper: true }, 401, 'WEBHOOK.SIGNATURE_INVALID'],
    [
      'a wrong key',
      { key: STRANGER, sign: { serial: NEW_KEY.serial } },
      401,
      'WEBHOOK.SIGNATURE_INVALID',
    ],
    ['an unknown serial', { key: STRANGER }, 401, 'WEBHOOK.SIGNATURE_INVALID'],
    [
      'a WECHATPAY/SIGNTEST/ probe',
      { headers: { 'wechatpay-signature': `WECHATPAY/SIGNTEST/${'A'.repeat(340)}` } },
      401,
      'WEBHOOK.SIGNATURE_INVALID',
    ],
    [
      'a stale timestamp',
      { sign: { at: new Date(Date.now() - 10 * 60_000) } },
      401,
      'WEBHOOK.TIMESTAMP_STALE',
    ],
    [
      'no Wechatpay-Serial',
      { headers: { 'wechatpay-serial': '' } },
      401,
      'WEBHOOK.SIGNATURE_MISSING',
    ],
    [
      'a ciphertext changed before signing',
      { encrypt: { tamperCiphertext: true } },
      400,
      'WEBHOOK.DECRYPTION_FAILED',
    ],
    [
      'a resource under another APIv3 key',
      { encrypt: { apiV3Key: 'another-apiv3-key-0123456789abcd' } },
      400,
      'WEBHOOK.DECRYPTION_FAILED',
    ],
  ])('rejects %s and dead-letters the original bytes', async (_name, options, status, code) => {
    const resource = transaction();
    const { result, correlationId, raw } = donate(resource, options);
    const answer = await result;
    expect(answer.status).toBe(status);
    const failure = answer.json();
    expect(failure.code).toBe('FAIL');
    expect(failure.message).toMatch(new RegExp(`^${code.replace('.', '\\.')}: .+`));
    const letter = await harness.waitForDeadLetter(correlationId);
    expect(letter.reason).toBe(code);
    expect(letter.source).toBe('adapter-tencent');
    expect(Buffer.from(letter.originalValueBase64, 'base64').equals(raw)).toBe(true);
    expect(harness.eventsFor(resource.transaction_id)).toEqual([]);
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    [
      'a negative amount',
      'TRANSACTION.SUCCESS',
      transaction({ amount: { total: -5, currency: 'CNY' } }),
      'WEBHOOK.INVALID_AMOUNT',
    ],
    ['an unknown event type', 'PAYSCORE.USER_CONFIRM', transaction(), 'WEBHOOK.UNKNOWN_EVENT_TYPE'],
    [
      'an unknown campaign',
      'TRANSACTION.SUCCESS',
      transaction({ sub_mchid: '1999999999' }),
      'WEBHOOK.UNKNOWN_CAMPAIGN',
    ],
    [
      'another merchant',
      'TRANSACTION.SUCCESS',
      transaction({ sp_mchid: '1111111111' }),
      'WEBHOOK.INVALID_EVENT',
    ],
  ])('answers 422 for %s with the reason code, on the DLQ', async (_name, type, resource, code) => {
    const { result, correlationId } = send(type, resource);
    const answer = await result;
    expect(answer.status).toBe(422);
    expect(answer.json<{ message: string }>().message.startsWith(`${code}: `)).toBe(true);
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(code);
  });

  it('answers 415 for a wrong content type', async () => {
    const { result, correlationId } = donate(transaction(), {
      headers: { 'content-type': 'text/plain' },
    });
    const answer = await result;
    expect(answer.status).toBe(415);
    expect(answer.json().message).toMatch(/^WEBHOOK\.UNSUPPORTED_MEDIA_TYPE: /);
    expect((await harness.waitForDeadLetter(correlationId)).reason).toBe(
      'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers 413 for a body over 256 KiB', async () => {
    const answer = await harness.post('/webhooks/tencent', Buffer.alloc(300 * 1024, 'a'), {
      'content-type': 'application/json',
    });
    expect(answer.status).toBe(413);
  });

  it('puts a refund in the campaign of its donation', async () => {
    const donation = transaction({
      attach: JSON.stringify({ campaignId: 'campaign-attach', charityId: CHARITY }),
    });
    expect((await donate(donation).result).status).toBe(204);
    const refunded = refund(donation.transaction_id);
    expect((await send('REFUND.SUCCESS', refunded).result).status).toBe(204);
    const events = await harness.waitForEvents(donation.transaction_id, 2);
    const refundEvent = events.find((event) => event.type === 'donation.refunded');
    expect(refundEvent).toMatchObject({
      campaignId: 'campaign-attach',
      amountMinor: 200,
      // The refund raised the transaction's refunded level to 200 fen (see settleRefunds).
      refundId: 'level:200',
      eventId: donationEventId({
        platform: 'tencent',
        type: 'donation.refunded',
        platformTxnId: donation.transaction_id,
        refundId: 'level:200',
      }),
    });
  });

  it('accepts a refund that arrives before its donation', async () => {
    const donation = transaction();
    expect((await send('REFUND.SUCCESS', refund(donation.transaction_id)).result).status).toBe(204);
    expect((await donate(donation).result).status).toBe(204);
    const events = await harness.waitForEvents(donation.transaction_id, 2);
    expect(events.map((event) => event.type).sort()).toEqual([
      'donation.completed',
      'donation.refunded',
    ]);
    expect(new Set(events.map((event) => event.campaignId))).toEqual(new Set([campaignId]));
  });

  it('acknowledges REFUND.CLOSED with 204, on donations.raw but without an event', async () => {
    const closed = refund(`42000${uniqueSuffix()}`, { refund_status: 'CLOSED' });
    expect((await send('REFUND.CLOSED', closed).result).status).toBe(204);
    await harness.waitForRaw(`tencent:${closed.transaction_id}`);
    expect(harness.eventsFor(closed.transaction_id)).toEqual([]);
  });

  it('answers 503 while the broker is down, and accepts the retry once it is back, as one event', async () => {
    const resource = transaction();
    await harness.whileBrokerStopped(async () => {
      const answer = await donate(resource).result;
      expect(answer.status).toBe(503);
      expect(answer.json().code).toBe('FAIL');
      expect(answer.json().message).toMatch(/^WEBHOOK\.UNAVAILABLE: /);
    });
    const retried = await harness.retryUntil(() => donate(resource).result, 204);
    expect(retried.status).toBe(204);
    const events = await harness.waitForEvents(resource.transaction_id, 1);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(1);
  });
});
