import { ContractError } from '../common/contract-error';
import { rawWebhookBodyKey, RawWebhookSchema, rawWebhookKey } from './raw-webhook';

const aRawWebhook = {
  platform: 'tencent',
  receivedAt: '2024-09-09T10:00:00.123+08:00',
  method: 'POST',
  path: '/webhooks/tencent',
  headers: { 'wechatpay-timestamp': '1725847200', 'content-type': 'application/json' },
  bodyBase64: Buffer.from('{"id":"EV-2018022511223320873"}').toString('base64'),
  correlationId: 'c1',
};

describe('donations.raw', () => {
  it('accepts a verbatim request', () => {
    expect(RawWebhookSchema.safeParse(aRawWebhook).success).toBe(true);
  });

  it.each([
    ['accepted', { status: 'accepted' }],
    [
      'rejected with its reason',
      { status: 'rejected', reason: 'WEBHOOK.UNKNOWN_CAMPAIGN', message: 'no campaign' },
    ],
  ])('records the outcome: %s', (_name, outcome) => {
    expect(RawWebhookSchema.safeParse({ ...aRawWebhook, outcome }).success).toBe(true);
  });

  it.each([
    ['rejected without a reason', { status: 'rejected', message: 'x' }],
    ['a reason that is no code', { status: 'rejected', reason: 'unknown', message: 'x' }],
    ['an unknown status', { status: 'maybe' }],
  ])('refuses an outcome %s', (_name, outcome) => {
    expect(RawWebhookSchema.safeParse({ ...aRawWebhook, outcome }).success).toBe(false);
  });

  it('keeps the body bytes exactly', () => {
    const parsed = RawWebhookSchema.parse(aRawWebhook);
    expect(Buffer.from(parsed.bodyBase64, 'base64').toString()).toBe(
      '{"id":"EV-2018022511223320873"}',
    );
  });

  it.each([
    ['an upper-case header name', { headers: { 'Content-Type': 'text/plain' } }],
    ['a lower-case method', { method: 'post' }],
    ['a relative path', { path: 'webhooks/tencent' }],
    ['an unknown platform', { platform: 'paypal' }],
    ['a body that is not base64', { bodyBase64: '{"id":1}' }],
    ['an extra field', { body: '{}' }],
  ])('rejects %s', (_name, overrides) => {
    expect(RawWebhookSchema.safeParse({ ...aRawWebhook, ...overrides }).success).toBe(false);
  });

  it('keys a request by platform and transaction', () => {
    expect(rawWebhookKey('alipay', '2024090922001400001234567890')).toBe(
      'alipay:2024090922001400001234567890',
    );
  });

  it('keys a request without a transaction by its bytes, apart from transaction keys', () => {
    const key = rawWebhookBodyKey('shuidi', Buffer.from('{"type":"x"}'));
    expect(key).toMatch(/^shuidi#sha256:[0-9a-f]{32}$/);
    expect(rawWebhookBodyKey('shuidi', Buffer.from('{"type":"x"}'))).toBe(key);
    expect(rawWebhookBodyKey('shuidi', Buffer.from('{"type":"y"}'))).not.toBe(key);
  });

  it('refuses a key without a transaction id', () => {
    expect(() => rawWebhookKey('alipay', '')).toThrow(ContractError);
  });
});
