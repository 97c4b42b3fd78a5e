import { generateKeyPairSync } from 'node:crypto';
import {
  AlipayNotifyProtocol,
  StandardWebhooksProtocol,
  StripeProtocol,
  WebhookProtocol,
  WebhookRequest,
  WechatPayV3Protocol,
} from '@donations/adapter-kit';
import { Platform, PLATFORMS } from '@donations/contracts';
import { buildCatalog } from '../catalog/campaign-catalog';
import type { DonationPlan, MalformedKind } from '../journeys/journey.types';
import { malformedRequest } from './malformed-request';
import type { PlatformKeys } from './platform-keys';
import { platformSims } from './platform-sims';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const der = (key: ReturnType<typeof rsa>['publicKey']) =>
  key.export({ type: 'spki', format: 'der' }).toString('base64');
const whsec = (label: string) =>
  `whsec_${Buffer.from(`${label}-0123456789abcdef`).toString('base64')}`;

const alipay = rsa();
const wechat = rsa();
const keys: PlatformKeys = {
  alipay: { appId: '2021000000000042', privateKey: alipay.privateKey },
  tencent: {
    serial: 'PUB_KEY_ID_SPEC',
    privateKey: wechat.privateKey,
    apiV3Key: 'sim-spec-apiv3-key-0123456789abc',
    mchid: '1900000109',
  },
  stripe: { secret: whsec('stripe') },
  shuidi: { secret: whsec('shuidi') },
  jd: { secret: whsec('jd') },
};

/** The adapters' own verification of each protocol, configured with the matching public keys. */
const protocols: Record<Platform, WebhookProtocol<unknown>> = {
  alipay: new AlipayNotifyProtocol({
    appId: keys.alipay.appId,
    appPrivateKey: rsa().privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
    alipayPublicKeys: [der(alipay.publicKey)],
  }),
  tencent: new WechatPayV3Protocol({
    apiV3Key: keys.tencent.apiV3Key,
    platformKeys: new Map([[keys.tencent.serial, wechat.publicKey]]),
    toleranceSeconds: 300,
  }),
  stripe: new StripeProtocol({ secrets: [keys.stripe.secret], toleranceSeconds: 300 }),
  shuidi: new StandardWebhooksProtocol({ secrets: [keys.shuidi.secret], toleranceSeconds: 300 }),
  jd: new StandardWebhooksProtocol({ secrets: [keys.jd.secret], toleranceSeconds: 300 }),
};

const sims = platformSims(keys);

/** Malformed kinds the signature check itself refuses (the others fail in the mapping). */
const JSON_REFUSED: MalformedKind[] = ['bad-signature', 'broken-body', 'stale-timestamp'];
const REFUSED_BY_PROTOCOL: Record<Platform, MalformedKind[]> = {
  alipay: ['bad-signature'],
  tencent: [...JSON_REFUSED, 'signtest-probe'],
  stripe: JSON_REFUSED,
  shuidi: JSON_REFUSED,
  jd: JSON_REFUSED,
};
const campaign = buildCatalog('simspec', 1, 1).campaigns[0];

function plan(platform: Platform): DonationPlan {
  return {
    platform,
    campaign,
    txnId: platform === 'stripe' ? 'pi_3simspec00000001' : '2026090922001000000000000001',
    amountMinor: 888,
    currency: platform === 'stripe' ? 'USD' : 'CNY',
    occurredAt: new Date('2026-09-09T02:00:01Z'),
    donor: { index: 7, ageBand: '25-34', region: 'CN-ZJ', userId: 'donor-7' },
    refunds: [
      {
        refundId: 'R1',
        amountMinor: 300,
        cumulativeMinor: 300,
        occurredAt: new Date('2026-09-09T02:03:00Z'),
      },
    ],
  };
}

function verify(platform: Platform, path: string, headers: Record<string, string>, body: Buffer) {
  const request: WebhookRequest = {
    platform,
    method: 'POST',
    path,
    headers,
    rawBody: body,
    receivedAt: new Date(),
    correlationId: 'spec',
  };
  return protocols[platform].verify(request);
}

describe.each(PLATFORMS)('%s as the simulator plays it', (platform) => {
  const sim = sims[platform];

  it('sends payments and refunds that the adapter protocol verifies, re-signed per attempt', () => {
    for (const notification of [
      { kind: 'paid' } as const,
      { kind: 'refund', refund: 0 } as const,
    ]) {
      const message = sim.prepare(plan(platform), notification);
      expect(() =>
        verify(platform, sim.path, sim.sign(message, new Date()), message.body),
      ).not.toThrow();
      const later = sim.sign(message, new Date(Date.now() + 2_000));
      expect(() => verify(platform, sim.path, later, message.body)).not.toThrow();
    }
  });

  it.each(REFUSED_BY_PROTOCOL[platform])('makes a %s request the protocol refuses', (kind) => {
    const request = malformedRequest(sim, plan(platform), kind, new Date());
    expect(() => verify(platform, request.path, request.headers, request.body)).toThrow();
  });
});
