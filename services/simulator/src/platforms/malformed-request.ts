import type { DonationPlan, MalformedKind } from '../journeys/journey.types';
import type { PlatformSim, PreparedMessage } from './platform-sim.types';

/** A request as it goes out: path, headers and the raw bytes. */
export interface PlatformRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Older than every adapter's 300 s tolerance. */
const STALE_SECONDS = 600;

/**
 * A bad request of `kind`, made from a well-formed donation: the body changed after signing, a
 * signed body that is not JSON (or, for Alipay, an unknown trade_status), a stale timestamp, a
 * project nobody registered, or WeChat Pay's WECHATPAY/SIGNTEST/ probe. Each must get a 4xx and
 * go to donations.dlq.
 */
export function malformedRequest(
  sim: PlatformSim,
  plan: DonationPlan,
  kind: MalformedKind,
  now: Date,
): PlatformRequest {
  const request = (message: PreparedMessage, at = now): PlatformRequest => ({
    path: sim.path,
    headers: sim.sign(message, at),
    body: message.body,
  });
  switch (kind) {
    case 'bad-signature': {
      const signed = request(sim.prepare(plan, { kind: 'paid' }));
      const body = Buffer.from(signed.body);
      body[body.length >> 1] ^= 0x01;
      return { ...signed, body };
    }
    case 'broken-body':
      return request(sim.brokenBody(plan));
    case 'stale-timestamp':
      return request(
        sim.prepare(plan, { kind: 'paid' }),
        new Date(now.getTime() - STALE_SECONDS * 1000),
      );
    case 'unknown-campaign':
      return request(sim.prepare(unregistered(plan), { kind: 'paid' }));
    case 'signtest-probe': {
      const signed = request(sim.prepare(plan, { kind: 'paid' }));
      const probe = `WECHATPAY/SIGNTEST/${Buffer.from(plan.txnId).toString('base64')}`;
      return { ...signed, headers: { ...signed.headers, 'wechatpay-signature': probe } };
    }
  }
}

/** The same donation for a project (and merchant) that no registry entry knows. */
function unregistered(plan: DonationPlan): DonationPlan {
  const unknown = `unregistered-${plan.txnId.slice(-12)}`;
  return {
    ...plan,
    campaign: {
      ...plan.campaign,
      projectIds: {
        alipay: unknown,
        tencent: unknown,
        stripe: unknown,
        shuidi: unknown,
        jd: unknown,
      },
      tencentSubMchid: `9${plan.txnId.slice(-11)}`,
    },
  };
}
