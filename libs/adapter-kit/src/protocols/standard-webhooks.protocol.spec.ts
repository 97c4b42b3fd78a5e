import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { WebhookRequest } from '../pipeline/webhook-request';
import { WebhookError, WebhookErrorCode } from '../pipeline/webhook.errors';
import { StandardWebhooksProtocol } from './standard-webhooks.protocol';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OLD_SECRET = 'whsec_b2xkLXNlY3JldC1vZi10aGUtcm90YXRpb24=';
/** Years away from the machine's clock: only an injected clock makes these timestamps fresh. */
const NOW = new Date('2031-03-14T02:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const BODY = Buffer.from(JSON.stringify({ type: 'donation.paid', data: { orderNo: 'o-1' } }));

/** `v1,<base64>` over `id.timestamp.` and the exact bytes, as the spec defines it. */
function signBytes(body: Buffer, id = 'msg_1', timestamp = T, secret = SECRET): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  return `v1,${mac.toString('base64')}`;
}

function request(body: Buffer, headers: Record<string, string | undefined> = {}): WebhookRequest {
  const all: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(T),
    'webhook-signature': signBytes(body),
    ...headers,
  };
  return {
    platform: 'shuidi',
    method: 'POST',
    path: '/webhooks/shuidi',
    headers: Object.fromEntries(
      Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    rawBody: body,
    receivedAt: NOW,
    correlationId: 'c-1',
  };
}

function protocol(
  options: { now?: Date; toleranceSeconds?: number; secrets?: string[] } = {},
): StandardWebhooksProtocol {
  const now = options.now ?? NOW;
  return new StandardWebhooksProtocol({
    secrets: options.secrets ?? [SECRET, OLD_SECRET],
    toleranceSeconds: options.toleranceSeconds ?? 300,
    clock: () => now,
  });
}

function codeOf(run: () => unknown): WebhookErrorCode | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookError) return error.code;
    throw error;
  }
  return undefined;
}

const after = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('StandardWebhooksProtocol', () => {
  it('returns the webhook-id and the JSON of a body signed at the injected clock', () => {
    expect(protocol().verify(request(BODY))).toEqual({
      id: 'msg_1',
      body: { type: 'donation.paid', data: { orderNo: 'o-1' } },
    });
  });

  it('verifies what the official package signs (interoperability)', () => {
    const signature = new Webhook(SECRET).sign('msg_1', NOW, BODY);
    expect(codeOf(() => protocol().verify(request(BODY, { 'webhook-signature': signature })))).toBe(
      undefined,
    );
  });

  it.each([
    ['a configured tolerance of 900 s, 899 s late', 900, 899, undefined],
    ['a configured tolerance of 900 s, 899 s early', 900, -899, undefined],
    ['a configured tolerance of 900 s, 901 s late', 900, 901, 'WEBHOOK.TIMESTAMP_STALE'],
    ['a configured tolerance of 60 s, 61 s late', 60, 61, 'WEBHOOK.TIMESTAMP_STALE'],
    ['a configured tolerance of 60 s, 60 s late', 60, 60, undefined],
  ] as const)('honours %s', (_name, toleranceSeconds, lateSeconds, expected) => {
    const verifier = protocol({ now: after(lateSeconds), toleranceSeconds });
    expect(codeOf(() => verifier.verify(request(BODY)))).toBe(expected);
  });

  it('judges freshness by the injected clock only, not by the machine clock', () => {
    const signedNow = String(Math.floor(Date.now() / 1000));
    const atMachineTime = request(BODY, {
      'webhook-timestamp': signedNow,
      'webhook-signature': signBytes(BODY, 'msg_1', Number(signedNow)),
    });
    expect(codeOf(() => protocol().verify(atMachineTime))).toBe('WEBHOOK.TIMESTAMP_STALE');
  });

  describe('at the machine clock (so that only the decoding is under test)', () => {
    const now = new Date();
    const t = Math.floor(now.getTime() / 1000);
    const at = (body: Buffer, signed: Buffer = body) =>
      request(body, {
        'webhook-timestamp': String(t),
        'webhook-signature': signBytes(signed, 'msg_1', t),
      });

    it('rejects a body that is not UTF-8 as MALFORMED_BODY, even when its bytes are signed', () => {
      const latin1 = Buffer.from('{"type":"donation.paid","note":"caf\xe9"}', 'latin1');
      const error = errorOf(() => protocol({ now }).verify(at(latin1)));
      expect({ code: error?.code, message: error?.message }).toEqual({
        code: 'WEBHOOK.MALFORMED_BODY',
        message: 'body is not valid UTF-8',
      });
    });

    it('does not let invalid bytes stand in for U+FFFD (a signature over the replaced text fails)', () => {
      const sent = Buffer.from([...Buffer.from('{"note":"'), 0xff, ...Buffer.from('"}')]);
      const replaced = Buffer.from(sent.toString('utf8'));
      expect(codeOf(() => protocol({ now }).verify(at(sent, replaced)))).toBe(
        'WEBHOOK.MALFORMED_BODY',
      );
    });
  });

  it('verifies the raw bytes: a BOM kept in the body is part of what is signed', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), BODY]);
    expect(
      codeOf(() => protocol().verify(request(withBom, { 'webhook-signature': signBytes(BODY) }))),
    ).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it('rejects a tampered byte and a moved timestamp', () => {
    const tampered = Buffer.from(BODY);
    tampered[5] ^= 0x01;
    const signature = signBytes(BODY);
    expect(
      codeOf(() => protocol().verify(request(tampered, { 'webhook-signature': signature }))),
    ).toBe('WEBHOOK.SIGNATURE_INVALID');
    const moved = request(BODY, {
      'webhook-timestamp': String(T + 1),
      'webhook-signature': signature,
    });
    expect(codeOf(() => protocol().verify(moved))).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it('accepts any matching v1 signature among several, with every secret of a rotation', () => {
    const stranger = signBytes(BODY, 'msg_1', T, 'whsec_c29tZW9uZS1lbHNl');
    const old = signBytes(BODY, 'msg_1', T, OLD_SECRET);
    const several = `v2,abc ${stranger} ${old}`;
    expect(codeOf(() => protocol().verify(request(BODY, { 'webhook-signature': several })))).toBe(
      undefined,
    );
  });

  it.each([
    ['a signature of another length', 'v1,AAAA'],
    ['a signature that is not base64', 'v1,@@@@'],
    ['no v1 signature', `v2,${signBytes(BODY).slice(3)}`],
    ['an empty signature', 'v1,'],
  ])('rejects %s as SIGNATURE_INVALID', (_name, signature) => {
    const bad = request(BODY, { 'webhook-signature': signature });
    expect(codeOf(() => protocol().verify(bad))).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it('rejects missing headers, a timestamp that is not seconds, and a body that is not JSON', () => {
    expect(codeOf(() => protocol().verify(request(BODY, { 'webhook-id': undefined })))).toBe(
      'WEBHOOK.SIGNATURE_MISSING',
    );
    expect(codeOf(() => protocol().verify(request(BODY, { 'webhook-timestamp': `${T}.5` })))).toBe(
      'WEBHOOK.SIGNATURE_INVALID',
    );
    const notJson = Buffer.from('{"type":');
    expect(codeOf(() => protocol().verify(request(notJson)))).toBe('WEBHOOK.MALFORMED_BODY');
    const text = request(BODY, { 'content-type': 'text/plain' });
    expect(codeOf(() => protocol().verify(text))).toBe('WEBHOOK.UNSUPPORTED_MEDIA_TYPE');
  });

  it('marks what fails after the signature verified as authenticated, and nothing before', () => {
    const signedNotJson = errorOf(() => protocol().verify(request(Buffer.from('{"type":'))));
    expect(signedNotJson).toMatchObject({ code: 'WEBHOOK.MALFORMED_BODY', authenticated: true });
    const forged = request(Buffer.from('{"type":'), { 'webhook-signature': signBytes(BODY) });
    expect(errorOf(() => protocol().verify(forged))).toMatchObject({
      code: 'WEBHOOK.SIGNATURE_INVALID',
      authenticated: false,
    });
  });

  it('decodes a dead letter without its signature or timestamp', () => {
    const stale = request(BODY, { 'webhook-timestamp': '1', 'webhook-signature': 'v1,AAAA' });
    expect(protocol().decode(stale)).toEqual({
      id: 'msg_1',
      body: JSON.parse(BODY.toString()) as unknown,
    });
  });
});

function errorOf(run: () => unknown): WebhookError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookError) return error;
    throw error;
  }
  return undefined;
}
