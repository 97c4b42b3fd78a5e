import type { Platform } from '@donations/contracts';
import type { StatementFormat } from '../statement-format';
import { ALIPAY_STATEMENT_FORMAT } from './alipay.format';
import { JD_STATEMENT_FORMAT } from './jd.format';
import { SHUIDI_STATEMENT_FORMAT } from './shuidi.format';
import { STRIPE_STATEMENT_FORMAT } from './stripe.format';
import { TENCENT_STATEMENT_FORMAT } from './tencent.format';

/** Every platform's statement format: a new platform does not compile without one. */
export const STATEMENT_FORMATS: Readonly<Record<Platform, StatementFormat>> = {
  alipay: ALIPAY_STATEMENT_FORMAT,
  tencent: TENCENT_STATEMENT_FORMAT,
  stripe: STRIPE_STATEMENT_FORMAT,
  shuidi: SHUIDI_STATEMENT_FORMAT,
  jd: JD_STATEMENT_FORMAT,
};
