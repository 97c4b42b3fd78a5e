import { ContractError } from '../common/contract-error';
import { RawWebhookSchema, rawWebhookKey } from './raw-webhook';

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

  it('refuses a key without a transaction id', () => {
    expect(() => rawWebhookKey('alipay', '')).toThrow(ContractError);
  });
});
