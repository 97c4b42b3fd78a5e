import { createHash } from 'node:crypto';
import { makeUscc, Platform, USCC_CHARSET } from '@donations/contracts';

/** A simulated campaign: its id, its charity and the ids each platform knows it by. */
export interface SimCampaign {
  index: number;
  campaignId: string;
  charityId: string;
  /** The platforms' project ids (Alipay passback, WeChat attach, Stripe metadata, ...). */
  projectIds: Readonly<Record<Platform, string>>;
  /** The charity's WeChat Pay sub-merchant for this campaign: refunds name only it. */
  tencentSubMchid: string;
  /** The hot key: the campaign that goes viral when matching opens. */
  viral: boolean;
}

export interface CampaignCatalog {
  run: string;
  campaigns: readonly SimCampaign[];
  charityIds: readonly string[];
}

/** Projects of a giving day; a run's ids are these with the run id (fresh campaigns per run). */
const THEMES = [
  'rural-school-meals',
  'clean-water',
  'rare-disease-kids',
  'elderly-living-alone',
  'village-libraries',
  'flood-relief',
  'autism-family-support',
  'girls-education',
  'snow-leopard-habitat',
  'winter-clothes',
  'hearing-aids',
  'mountain-teachers',
] as const;

/** Administrative divisions (GB/T 2260) of the registering civil-affairs bureaus. */
const DIVISIONS = ['110000', '310000', '440300', '330100', '510100', '420100', '320100', '610100'];

/**
 * The run's campaigns and charities, deterministic in the run id: `campaignCount` campaigns
 * spread over `charityCount` charities (valid 统一社会信用代码 of foundations), campaign 0 viral.
 */
export function buildCatalog(run: string, campaignCount: number, charityCount: number) {
  const charityIds = Array.from({ length: charityCount }, (_, i) => charityUscc(run, i));
  const campaigns = Array.from({ length: campaignCount }, (_, index): SimCampaign => {
    const theme = THEMES[index % THEMES.length];
    const round = Math.floor(index / THEMES.length);
    return {
      index,
      campaignId: round === 0 ? `${theme}-${run}` : `${theme}-${round + 1}-${run}`,
      charityId: charityIds[index % charityCount],
      projectIds: {
        alipay: `ali-${run}-${index}`,
        tencent: `tx-${run}-${index}`,
        stripe: `proj_${run}_${index}`,
        shuidi: `sd-${run}-${index}`,
        jd: `act-${run}-${index}`,
      },
      tencentSubMchid: `19${digitsOf(`${run}:sub-mchid:${index}`, 10)}`,
      viral: index === 0,
    };
  });
  const catalog: CampaignCatalog = { run, campaigns, charityIds };
  return catalog;
}

/** A foundation's code (organisation type 53) with a subject identifier from the run. */
function charityUscc(run: string, index: number): string {
  const bytes = createHash('sha256').update(`${run}:charity:${index}`).digest();
  const subject = Array.from(bytes.subarray(0, 9), (byte) => USCC_CHARSET[byte % 31]).join('');
  return makeUscc(`53${DIVISIONS[index % DIVISIONS.length]}${subject}`);
}

function digitsOf(seed: string, count: number): string {
  const bytes = createHash('sha256').update(seed).digest();
  return Array.from(bytes.subarray(0, count), (byte) => String(byte % 10)).join('');
}
