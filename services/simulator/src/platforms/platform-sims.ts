import type { Platform } from '@donations/contracts';
import { AlipaySim } from './alipay.sim';
import type { PlatformKeys } from './platform-keys';
import type { PlatformSim } from './platform-sim.types';
import { jdPayload, shuidiPayload, StandardWebhooksSim } from './standard-webhooks.sim';
import { StripeSim } from './stripe.sim';
import { TencentSim } from './tencent.sim';

/** Every platform, signing with the keys of platform-keys.json. */
export function platformSims(keys: PlatformKeys): Readonly<Record<Platform, PlatformSim>> {
  return {
    alipay: new AlipaySim(keys.alipay),
    tencent: new TencentSim(keys.tencent),
    stripe: new StripeSim(keys.stripe),
    shuidi: new StandardWebhooksSim('shuidi', keys.shuidi.secret, shuidiPayload),
    jd: new StandardWebhooksSim('jd', keys.jd.secret, jdPayload),
  };
}
