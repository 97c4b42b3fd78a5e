import Stripe from 'stripe';
import type { WebhookRequest } from '../pipeline/webhook-request';
import { WebhookError, WebhookErrorCode } from '../pipeline/webhook.errors';
import { parseStripeSignature } from './stripe-signature-header';
import { StripeProtocol } from './stripe.protocol';

const OLD_SECRET = 'whsec_old0123456789abcdef0123456789abcdef';
const NEW_SECRET = 'whsec_new0123456789abcdef0123456789abcdef';
const NOW = new Date('2026-09-09T02:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const EVENT = { id: 'evt_1', object: 'event', type: 'charge.succeeded' };
const BODY = JSON.stringify(EVENT);

function sign(payload: string, secret = NEW_SECRET, timestamp = T): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

function v1Of(signatureHeader: string): string {
  return parseStripeSignature(signatureHeader).signatures[0];
}

function request(
  body: string | Buffer,
  headers: Record<string, string | undefined> = {},
): WebhookRequest {
  const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const all: Record<string, string | undefined> = {
    'content-type': 'application/json; charset=utf-8',
    'stripe-signature': sign(rawBody.toString('utf8')),
    ...headers,
  };
  return {
    platform: 'stripe',
    method: 'POST',
    path: '/webhooks/stripe',
    headers: Object.fromEntries(
      Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    rawBody,
    receivedAt: NOW,
    correlationId: 'c-1',
  };
}

function protocol(now: Date = NOW, secrets = [NEW_SECRET, OLD_SECRET]): StripeProtocol {
  return new StripeProtocol({ secrets, toleranceSeconds: 300, clock: () => now });
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

describe('StripeProtocol', () => {
  it('returns the verified event of a signed JSON body', () => {
    expect(protocol().verify(request(BODY))).toEqual({ body: EVENT });
  });

  it('answers success with 200 and {"received":true}, failures with {code, message}', () => {
    expect(protocol().success()).toEqual({ status: 200, body: { received: true } });
    const rejection = { code: 'WEBHOOK.SIGNATURE_INVALID' as const, message: 'no', status: 401 };
    expect(protocol().failure(rejection)).toEqual({
      status: 401,
      body: { code: 'WEBHOOK.SIGNATURE_INVALID', message: 'no' },
    });
  });

  it('keeps the signature header for donations.raw and the DLQ', () => {
    expect(protocol().keptHeaders).toEqual(['stripe-signature']);
  });

  it('rejects a request without Stripe-Signature', () => {
    const bare = request(BODY, { 'stripe-signature': undefined });
    expect(codeOf(() => protocol().verify(bare))).toBe('WEBHOOK.SIGNATURE_MISSING');
  });

  it.each([
    ['no timestamp', `v1=${'a'.repeat(64)}`],
    ['two timestamps', `t=${T},t=${T - 1},v1=${'a'.repeat(64)}`],
    ['no v1 signature', `t=${T},v0=${'a'.repeat(64)}`],
    ['an empty v1 signature', `t=${T},v1=`],
    ['a timestamp that is not Unix seconds', `t=soon,v1=${'a'.repeat(64)}`],
    ['garbage', 'not a signature'],
  ])('rejects a header with %s as SIGNATURE_INVALID', (_name, signature) => {
    const bad = request(BODY, { 'stripe-signature': signature });
    expect(codeOf(() => protocol().verify(bad))).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it.each([
    ['301 s old', 301_000],
    ['301 s in the future', -301_000],
  ])('rejects a timestamp %s as TIMESTAMP_STALE', (_name, offsetMs) => {
    const later = new Date(NOW.getTime() + offsetMs);
    expect(codeOf(() => protocol(later).verify(request(BODY)))).toBe('WEBHOOK.TIMESTAMP_STALE');
  });

  it('accepts a timestamp exactly 300 s old', () => {
    const later = new Date(NOW.getTime() + 300_000);
    expect(codeOf(() => protocol(later).verify(request(BODY)))).toBeUndefined();
  });

  it('rejects a tampered byte', () => {
    const tampered = Buffer.from(BODY);
    tampered[tampered.length - 3] ^= 0x01;
    const bad = request(tampered, { 'stripe-signature': sign(BODY) });
    expect(codeOf(() => protocol().verify(bad))).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it('rejects a signature made with a secret that is not configured', () => {
    const bad = request(BODY, { 'stripe-signature': sign(BODY, 'whsec_someone-else') });
    expect(codeOf(() => protocol().verify(bad))).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it.each([
    ['old', OLD_SECRET],
    ['new', NEW_SECRET],
  ])('verifies with every secret during rotation (the %s one)', (_name, secret) => {
    const signed = request(BODY, { 'stripe-signature': sign(BODY, secret) });
    expect(protocol().verify(signed).body).toEqual(EVENT);
  });

  it('accepts a header with two v1 signatures when one of them matches', () => {
    const stranger = v1Of(sign(BODY, 'whsec_someone-else'));
    const ours = v1Of(sign(BODY, OLD_SECRET));
    const both = request(BODY, { 'stripe-signature': `t=${T},v1=${stranger},v1=${ours}` });
    expect(protocol().verify(both).body).toEqual(EVENT);
  });

  it('rejects a valid signature whose timestamp was changed', () => {
    const v1 = v1Of(sign(BODY));
    const moved = request(BODY, { 'stripe-signature': `t=${T + 1},v1=${v1}` });
    expect(codeOf(() => protocol().verify(moved))).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it('answers 415 for a signed body that is not application/json', () => {
    const text = request(BODY, { 'content-type': 'text/plain' });
    expect(codeOf(() => protocol().verify(text))).toBe('WEBHOOK.UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects a signed body that is not JSON as MALFORMED_BODY', () => {
    expect(codeOf(() => protocol().verify(request('{"id":')))).toBe('WEBHOOK.MALFORMED_BODY');
  });

  it('rejects a body that is not UTF-8 as MALFORMED_BODY', () => {
    const latin1 = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]);
    expect(codeOf(() => protocol().verify(request(latin1)))).toBe('WEBHOOK.MALFORMED_BODY');
  });

  it('verifies the raw bytes: a BOM in front of a signed body breaks the signature', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BODY)]);
    const bad = request(withBom, { 'stripe-signature': sign(BODY) });
    expect(codeOf(() => protocol().verify(bad))).toBe('WEBHOOK.SIGNATURE_INVALID');
  });

  it('needs at least one secret', () => {
    expect(() => protocol(NOW, [])).toThrow(/at least one secret/);
  });
});
