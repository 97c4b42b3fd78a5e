import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import type { WebhookRequest } from '../pipeline/webhook-request';
import { WebhookError } from '../pipeline/webhook.errors';
import { WechatPayV3Protocol } from './wechatpay-v3.protocol';

const API_V3_KEY = 'apiv3-key-0123456789abcdefghijkl';
const NOW = new Date('2026-09-09T02:00:00Z');
const nowSeconds = () => String(Math.floor(NOW.getTime() / 1000));

const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

const TRANSACTION = { transaction_id: '4200000001', amount: { total: 500, currency: 'CNY' } };

interface SendOptions {
  resource?: unknown;
  envelope?: Record<string, unknown>;
  apiV3Key?: string;
  privateKey?: KeyObject;
  serial?: string;
  timestamp?: string;
  headers?: Record<string, string | undefined>;
  body?: Buffer;
}

/** A notification as WeChat Pay sends one: encrypted resource, signed `ts\nnonce\nbody\n`. */
function notification(options: SendOptions = {}): WebhookRequest {
  const iv = Formatter.nonce(12);
  const ciphertext = Aes.AesGcm.encrypt(
    JSON.stringify(options.resource ?? TRANSACTION),
    options.apiV3Key ?? API_V3_KEY,
    iv,
    'transaction',
  );
  const body =
    options.body ??
    Buffer.from(
      JSON.stringify({
        id: 'EV-2018022511223320873',
        create_time: '2026-09-09T10:00:00+08:00',
        resource_type: 'encrypt-resource',
        event_type: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resource: {
          original_type: 'transaction',
          algorithm: 'AEAD_AES_256_GCM',
          ciphertext,
          associated_data: 'transaction',
          nonce: iv,
        },
        ...options.envelope,
      }),
    );
  const timestamp = options.timestamp ?? nowSeconds();
  const nonce = Formatter.nonce();
  const signature = Rsa.sign(
    Formatter.response(timestamp, nonce, body.toString('utf8')),
    options.privateKey ?? platform.privateKey,
  );
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': options.serial ?? 'SERIAL-A',
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    ...options.headers,
  };
  return {
    platform: 'tencent',
    method: 'POST',
    path: '/webhooks/tencent',
    headers: Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    rawBody: body,
    receivedAt: NOW,
    correlationId: 'c-1',
  };
}

const protocol = new WechatPayV3Protocol({
  apiV3Key: API_V3_KEY,
  platformKeys: new Map([
    ['SERIAL-A', platform.publicKey],
    ['SERIAL-B', rotated.publicKey],
  ]),
  toleranceSeconds: 300,
  clock: () => NOW,
});

function codeOf(request: WebhookRequest): string {
  try {
    protocol.verify(request);
  } catch (error) {
    if (error instanceof WebhookError) return error.code;
    throw error;
  }
  throw new Error('verified');
}

describe('WechatPayV3Protocol', () => {
  it('verifies a signed notification and decrypts its resource', () => {
    expect(protocol.verify(notification())).toEqual({
      id: 'EV-2018022511223320873',
      createTime: '2026-09-09T10:00:00+08:00',
      eventType: 'TRANSACTION.SUCCESS',
      resourceType: 'encrypt-resource',
      summary: '支付成功',
      originalType: 'transaction',
      resource: TRANSACTION,
    });
  });

  it('verifies with every configured platform key during a rotation', () => {
    const request = notification({ privateKey: rotated.privateKey, serial: 'SERIAL-B' });
    expect(protocol.verify(request).resource).toEqual(TRANSACTION);
  });

  it('accepts a timestamp exactly at the edge of the window', () => {
    const edge = String(Number(nowSeconds()) - 300);
    expect(protocol.verify(notification({ timestamp: edge })).id).toBe('EV-2018022511223320873');
  });

  it.each(['wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-signature', 'wechatpay-serial'])(
    'rejects a notification without %s as SIGNATURE_MISSING',
    (name) => {
      expect(codeOf(notification({ headers: { [name]: undefined } }))).toBe(
        'WEBHOOK.SIGNATURE_MISSING',
      );
    },
  );

  it.each<[string, SendOptions, string]>([
    [
      'a WECHATPAY/SIGNTEST/ probe',
      { headers: { 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' } },
      'WEBHOOK.SIGNATURE_INVALID',
    ],
    ['an unknown serial', { serial: 'SERIAL-Z' }, 'WEBHOOK.SIGNATURE_INVALID'],
    ['a key the serial does not name', { serial: 'SERIAL-B' }, 'WEBHOOK.SIGNATURE_INVALID'],
    ['a stranger key', { privateKey: stranger.privateKey }, 'WEBHOOK.SIGNATURE_INVALID'],
    [
      'a signature that is not base64 RSA',
      { headers: { 'wechatpay-signature': 'AAAA' } },
      'WEBHOOK.SIGNATURE_INVALID',
    ],
    [
      'an SM2 signature type',
      { headers: { 'wechatpay-signature-type': 'WECHATPAY2-SM2-WITH-SM3' } },
      'WEBHOOK.SIGNATURE_INVALID',
    ],
    [
      'a timestamp that is not Unix seconds',
      { timestamp: '2026-09-09' },
      'WEBHOOK.SIGNATURE_INVALID',
    ],
    [
      'a timestamp 301 s old',
      { timestamp: String(Number(nowSeconds()) - 301) },
      'WEBHOOK.TIMESTAMP_STALE',
    ],
    [
      'a timestamp 301 s ahead',
      { timestamp: String(Number(nowSeconds()) + 301) },
      'WEBHOOK.TIMESTAMP_STALE',
    ],
    [
      'a text/plain body',
      { headers: { 'content-type': 'text/plain' } },
      'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
    ],
    ['a body that is not JSON', { body: Buffer.from('{"id":') }, 'WEBHOOK.MALFORMED_BODY'],
    [
      'a body without resource',
      { body: Buffer.from('{"id":"x","event_type":"T"}') },
      'WEBHOOK.MALFORMED_BODY',
    ],
    [
      'a resource under the wrong APIv3 key',
      { apiV3Key: 'another-key-0123456789abcdefghij' },
      'WEBHOOK.DECRYPTION_FAILED',
    ],
  ])('rejects %s', (_name, options, code) => {
    expect(codeOf(notification(options))).toBe(code);
  });

  it('rejects a body with one byte changed after signing', () => {
    const request = notification();
    const body = Buffer.from(request.rawBody);
    body[body.length - 3] ^= 0x01;
    expect(codeOf({ ...request, rawBody: body })).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it('verifies the raw bytes: an invalid UTF-8 byte does not pass for the U+FFFD it decodes to', () => {
    const request = notification({ body: Buffer.from('{"x":"\uFFFD"}') });
    const forged = Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(forged.toString('utf8')).toBe(request.rawBody.toString('utf8'));
    expect(codeOf({ ...request, rawBody: forged })).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  describe('decrypting the resource', () => {
    function withResource(change: (resource: Record<string, string>) => void): WebhookRequest {
      const original = JSON.parse(notification().rawBody.toString()) as {
        resource: Record<string, string>;
      };
      change(original.resource);
      return notification({ body: Buffer.from(JSON.stringify(original)) });
    }

    it.each<[string, (resource: Record<string, string>) => void]>([
      [
        'a flipped ciphertext byte',
        (r) => {
          const bytes = Buffer.from(r.ciphertext, 'base64');
          bytes[0] ^= 1;
          r.ciphertext = bytes.toString('base64');
        },
      ],
      [
        'a truncated tag',
        (r) => {
          r.ciphertext = Buffer.from(r.ciphertext, 'base64').subarray(0, -4).toString('base64');
        },
      ],
      [
        'a ciphertext shorter than a tag',
        (r) => {
          r.ciphertext = Buffer.alloc(16).toString('base64');
        },
      ],
      [
        'a ciphertext that is not base64',
        (r) => {
          r.ciphertext = '***';
        },
      ],
      [
        'another associated_data',
        (r) => {
          r.associated_data = 'refund';
        },
      ],
      [
        'another nonce',
        (r) => {
          r.nonce = 'AAAAAAAAAAAA';
        },
      ],
      [
        'another algorithm',
        (r) => {
          r.algorithm = 'AEAD_SM4_GCM';
        },
      ],
    ])('fails as DECRYPTION_FAILED with %s (signed after the change)', (_name, change) => {
      expect(codeOf(withResource(change))).toBe('WEBHOOK.DECRYPTION_FAILED');
    });

    it('rejects a resource that decrypts to something other than JSON', () => {
      const iv = Formatter.nonce(12);
      const original = JSON.parse(notification().rawBody.toString()) as {
        resource: Record<string, string>;
      };
      original.resource.ciphertext = Aes.AesGcm.encrypt('not json', API_V3_KEY, iv, 'transaction');
      original.resource.nonce = iv;
      const request = notification({ body: Buffer.from(JSON.stringify(original)) });
      expect(codeOf(request)).toBe('WEBHOOK.MALFORMED_BODY');
    });
  });

  it('answers success with 204 and no body', () => {
    expect(protocol.success()).toEqual({ status: 204 });
  });

  it('answers failure as WeChat Pay documents it, with the reason code in the message', () => {
    const answer = protocol.failure({
      code: 'WEBHOOK.SIGNATURE_INVALID',
      message: 'Wechatpay-Signature does not verify',
      status: 401,
    });
    expect(answer).toEqual({
      status: 401,
      body: {
        code: 'FAIL',
        message: 'WEBHOOK.SIGNATURE_INVALID: Wechatpay-Signature does not verify',
      },
    });
  });

  it('refuses an APIv3 key that is not 32 bytes, and an empty key set', () => {
    const platformKeys = new Map([['S', platform.publicKey]]);
    const base = { platformKeys, toleranceSeconds: 300 };
    expect(() => new WechatPayV3Protocol({ ...base, apiV3Key: 'short' })).toThrow(/32 bytes/);
    expect(
      () => new WechatPayV3Protocol({ ...base, apiV3Key: API_V3_KEY, platformKeys: new Map() }),
    ).toThrow(/platform key/);
  });
});
