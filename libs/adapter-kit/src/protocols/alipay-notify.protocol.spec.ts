import { createSign, generateKeyPairSync, KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { WebhookRequest } from '../pipeline/webhook-request';
import { WebhookError } from '../pipeline/webhook.errors';
import { alipayAppPrivateKey, alipayPublicKeyList } from './alipay-keys';
import { AlipayNotifyProtocol } from './alipay-notify.protocol';
import { beijingTimeToIso } from './alipay-time';

const APP_ID = '2021004100000001';
const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const app = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Single-line base64 SPKI, as the Alipay open platform shows its public key. */
const base64Of = (key: KeyObject) => key.export({ type: 'spki', format: 'der' }).toString('base64');
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

const NOTIFY = {
  notify_time: '2026-09-09 10:00:05',
  notify_type: 'trade_status_sync',
  notify_id: '2026090900222100005000000001',
  app_id: APP_ID,
  charset: 'utf-8',
  version: '1.0',
  trade_no: '2026090922001400001234567890',
  trade_status: 'TRADE_SUCCESS',
  total_amount: '88.88',
  subject: '乡村儿童营养餐 100% 捐款 a&b=c',
  gmt_payment: '2026-09-09 10:00:01',
};

interface SignOptions {
  privateKey?: KeyObject;
  signType?: string;
  algorithm?: string;
}

/** Alipay's notify signature: sorted `k=v` of raw values without sign/sign_type, base64. */
function signed(params: Record<string, string>, options: SignOptions = {}): Record<string, string> {
  const content = Object.keys(params)
    .filter((name) => name !== 'sign' && name !== 'sign_type')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  const sign = createSign(options.algorithm ?? 'RSA-SHA256')
    .update(content, 'utf8')
    .sign(options.privateKey ?? alipay.privateKey, 'base64');
  return { ...params, sign_type: options.signType ?? 'RSA2', sign };
}

function request(body: string | Buffer, contentType: string | null = FORM): WebhookRequest {
  return {
    platform: 'alipay',
    method: 'POST',
    path: '/webhooks/alipay',
    headers: contentType === null ? {} : { 'content-type': contentType },
    rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body),
    receivedAt: new Date(),
    correlationId: 'c-1',
  };
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

function protocol(publicKeys: KeyObject[] = [alipay.publicKey, rotated.publicKey]) {
  return new AlipayNotifyProtocol({
    appId: APP_ID,
    appPrivateKey: app.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    alipayPublicKeys: publicKeys.map(base64Of),
  });
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof WebhookError ? error.code : `not a WebhookError: ${String(error)}`;
  }
}

describe('AlipayNotifyProtocol', () => {
  const verifier = protocol();

  it('accepts a notify signed by Alipay and returns its decoded parameters', () => {
    const params = signed(NOTIFY);
    expect(verifier.verify(request(form(params)))).toEqual(params);
  });

  it('verifies with every configured Alipay public key during rotation', () => {
    const params = signed(NOTIFY, { privateKey: rotated.privateKey });
    expect(verifier.verify(request(form(params))).trade_no).toBe(NOTIFY.trade_no);
  });

  it('accepts spaces encoded as %20 as well as +', () => {
    const body = form(signed(NOTIFY)).replace(/\+/g, '%20');
    expect(verifier.verify(request(body)).subject).toBe(NOTIFY.subject);
  });

  it.each([
    ['a tampered amount', form(signed(NOTIFY)).replace('88.88', '98.88'), 'SIGNATURE_INVALID'],
    [
      'a signature by another key',
      form(signed(NOTIFY, { privateKey: stranger.privateKey })),
      'SIGNATURE_INVALID',
    ],
    [
      'sign_type RSA (SHA1withRSA), even correctly signed',
      form(signed(NOTIFY, { signType: 'RSA', algorithm: 'RSA-SHA1' })),
      'SIGNATURE_INVALID',
    ],
    ['no sign_type', form({ ...NOTIFY, sign: signed(NOTIFY).sign }), 'SIGNATURE_INVALID'],
    ['no sign', form({ ...NOTIFY, sign_type: 'RSA2' }), 'SIGNATURE_MISSING'],
    ['an empty sign', form({ ...signed(NOTIFY), sign: '' }), 'SIGNATURE_MISSING'],
    ['a sign that is not base64', form({ ...signed(NOTIFY), sign: '%%%' }), 'SIGNATURE_INVALID'],
    ['another app', form(signed({ ...NOTIFY, app_id: '2021009999999999' })), 'SIGNATURE_INVALID'],
    ['an empty body', '', 'SIGNATURE_MISSING'],
    ['a repeated parameter', `${form(signed(NOTIFY))}&total_amount=1.00`, 'MALFORMED_BODY'],
    ['an unnamed parameter', `=x&${form(signed(NOTIFY))}`, 'MALFORMED_BODY'],
    ['a GBK notify', form(signed({ ...NOTIFY, charset: 'GBK' })), 'MALFORMED_BODY'],
  ])('refuses %s', (_name, body, code) => {
    expect(codeOf(() => verifier.verify(request(body)))).toBe(`WEBHOOK.${code}`);
  });

  it.each([
    ['application/json', 'application/json'],
    ['no content type', null],
    ['a form in GBK', 'application/x-www-form-urlencoded; charset=GBK'],
  ])('answers 415 for %s', (_name, contentType) => {
    const body = form(signed(NOTIFY));
    expect(codeOf(() => verifier.verify(request(body, contentType)))).toBe(
      'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('accepts the form content type without a charset or in other casing', () => {
    const body = form(signed(NOTIFY));
    expect(() => verifier.verify(request(body, 'Application/X-WWW-Form-Urlencoded'))).not.toThrow();
  });

  it('does not reject an old notify_time: Alipay retries for 25 hours', () => {
    const params = signed({ ...NOTIFY, notify_time: '2020-01-01 00:00:00' });
    expect(() => verifier.verify(request(form(params)))).not.toThrow();
  });

  it('answers success with the body `success` and failures with {code, message}', () => {
    expect(verifier.success()).toEqual({ status: 200, body: 'success' });
    const rejection = { code: 'WEBHOOK.UNAVAILABLE', message: 'retry', status: 503 } as const;
    expect(verifier.failure(rejection)).toEqual({
      status: 503,
      body: { code: 'WEBHOOK.UNAVAILABLE', message: 'retry' },
    });
  });

  it('accepts public keys as PEM as well as single-line base64', () => {
    const pem = alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const fromPem = new AlipayNotifyProtocol({
      appId: APP_ID,
      appPrivateKey: app.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      alipayPublicKeys: [pem],
    });
    expect(() => fromPem.verify(request(form(signed(NOTIFY))))).not.toThrow();
  });
});

describe('Alipay key settings', () => {
  const schema = z.object({ keys: alipayPublicKeyList, privateKey: alipayAppPrivateKey });
  const privatePem = app.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

  it('reads comma-separated base64 and PEM (with escaped newlines) keys', () => {
    const escapedPem = rotated.publicKey
      .export({ type: 'spki', format: 'pem' })
      .toString()
      .replace(/\n/g, '\\n');
    const parsed = schema.parse({
      keys: `${base64Of(alipay.publicKey)}, ${escapedPem}`,
      privateKey: privatePem,
    });
    expect(parsed.keys).toEqual([base64Of(alipay.publicKey), base64Of(rotated.publicKey)]);
  });

  it('rejects a key that is not one, without repeating the value', () => {
    const result = schema.safeParse({ keys: 'not-a-key', privateKey: 'c2VjcmV0LXZhbHVl' });
    expect(result.success).toBe(false);
    const messages = JSON.stringify(result.error?.issues);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'keys.0',
      'privateKey',
    ]);
    expect(messages).not.toContain('c2VjcmV0LXZhbHVl');
  });
});

describe('beijingTimeToIso', () => {
  it.each([
    ['2026-09-09 10:00:01', '2026-09-09T10:00:01+08:00'],
    ['2015-04-28 15:45:57.320', '2015-04-28T15:45:57.320+08:00'],
  ])('reads %s as %s', (value, iso) => {
    expect(beijingTimeToIso(value)).toBe(iso);
  });

  it.each(['2026-02-30 10:00:00', '2026-09-09T10:00:01', '2026-09-09 24:00:00', ''])(
    'refuses %j',
    (value) => {
      expect(beijingTimeToIso(value)).toBeUndefined();
    },
  );
});
