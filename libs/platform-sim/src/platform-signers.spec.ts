import { generateKeyPairSync } from 'node:crypto';
import {
  AlipayNotifyProtocol,
  StandardWebhooksProtocol,
  StripeProtocol,
  WebhookRequest,
  WechatPayV3Protocol,
} from '@donations/adapter-kit';
import type { Platform } from '@donations/contracts';
import {
  ALIPAY_NOTIFY_CONTENT_TYPE,
  alipaySignContent,
  alipaySignedForm,
  StandardWebhookSigner,
  stripeSignatureHeader,
  wechatpayHeaders,
  wechatpayNotificationBody,
} from './index';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const WHSEC = `whsec_${Buffer.from('platform-sim-spec-secret-0123456789').toString('base64')}`;

function request(platform: Platform, rawBody: Buffer, headers: Record<string, string>) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const built: WebhookRequest = {
    platform,
    method: 'POST',
    path: `/webhooks/${platform}`,
    headers: lower,
    rawBody,
    receivedAt: new Date(),
    correlationId: 'spec',
  };
  return built;
}

describe('platform signers, verified by the adapters own protocols', () => {
  it('signs an Alipay notify that AlipayNotifyProtocol accepts, over the sorted raw parameters', () => {
    const alipay = rsa();
    const params = { app_id: '2021004100000001', trade_no: '2026', total_amount: '8.88', a: 'x&y' };
    expect(alipaySignContent({ ...params, sign: 's', sign_type: 'RSA2' })).toBe(
      'a=x&y&app_id=2021004100000001&total_amount=8.88&trade_no=2026',
    );
    const body = alipaySignedForm(params, { privateKey: alipay.privateKey });
    const protocol = new AlipayNotifyProtocol({
      appId: params.app_id,
      appPrivateKey: rsa().privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
      alipayPublicKeys: [
        alipay.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      ],
    });
    const verified = protocol.verify(
      request('alipay', body, { 'content-type': ALIPAY_NOTIFY_CONTENT_TYPE }),
    );
    expect(verified).toMatchObject({ ...params, sign_type: 'RSA2' });
  });

  it('encrypts and signs a WeChat Pay notification that WechatPayV3Protocol decrypts', () => {
    const platform = rsa();
    const apiV3Key = 'platform-sim-apiv3-key-012345678';
    const resource = { transaction_id: '4200', amount: { total: 500 } };
    const body = wechatpayNotificationBody('TRANSACTION.SUCCESS', resource, { apiV3Key, id: 'n1' });
    const headers = wechatpayHeaders(body, {
      serial: 'PUB_KEY_ID_1',
      privateKey: platform.privateKey,
    });
    const protocol = new WechatPayV3Protocol({
      apiV3Key,
      platformKeys: new Map([['PUB_KEY_ID_1', platform.publicKey]]),
      toleranceSeconds: 300,
    });
    expect(protocol.verify(request('tencent', body, headers))).toMatchObject({
      id: 'n1',
      eventType: 'TRANSACTION.SUCCESS',
      resource,
    });
  });

  it('makes a Stripe-Signature that StripeProtocol verifies, and a stale one it refuses', () => {
    const payload = JSON.stringify({ id: 'evt_1', type: 'charge.succeeded' });
    const protocol = new StripeProtocol({ secrets: ['whsec_stripe_spec'], toleranceSeconds: 300 });
    const send = (at: Date) =>
      protocol.verify(
        request('stripe', Buffer.from(payload), {
          'content-type': 'application/json',
          'stripe-signature': stripeSignatureHeader(payload, 'whsec_stripe_spec', at),
        }),
      );
    expect(send(new Date())).toEqual({ body: JSON.parse(payload) as unknown });
    expect(() => send(new Date(Date.now() - 600_000))).toThrow(/timestamp/i);
  });

  it('signs Standard Webhooks that StandardWebhooksProtocol verifies', () => {
    const body = Buffer.from(JSON.stringify({ type: 'donation.paid' }));
    const headers = new StandardWebhookSigner(WHSEC).headers(body, 'msg_1');
    const protocol = new StandardWebhooksProtocol({ secrets: [WHSEC], toleranceSeconds: 300 });
    expect(protocol.verify(request('shuidi', body, headers))).toEqual({
      id: 'msg_1',
      body: { type: 'donation.paid' },
    });
    body[3] ^= 0x01;
    expect(() => protocol.verify(request('shuidi', body, headers))).toThrow();
  });
});
