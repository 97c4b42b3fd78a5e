import { createHash } from 'node:crypto';
import { makeUscc, Platform, USCC_CHARSET } from '@donations/contracts';

/** A simulated campaign: its id, its charity and the ids each platform knows it by. */
export interface SimCampaign {
  index: number;
  campaignId: string;
  /** The campaign's name, as the registry records it and the dashboard shows it. */
  title: string;
  charityId: string;
  /** The platforms' project ids (Alipay passback, WeChat attach, Stripe metadata, ...). */
  projectIds: Readonly<Record<Platform, string>>;
  /** The charity's WeChat Pay sub-merchant for this campaign: refunds name only it. */
  tencentSubMchid: string;
  /** The hot key: the campaign that goes viral when matching opens. */
  viral: boolean;
}

/** A simulated charity as registered: its USCC, a name and the region of its division. */
export interface SimCharity {
  uscc: string;
  name: string;
  region: string;
}

export interface CampaignCatalog {
  run: string;
  campaigns: readonly SimCampaign[];
  charityIds: readonly string[];
  charities: readonly SimCharity[];
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

/** The themes' names as a campaign would be filed with 慈善中国. */
const THEME_TITLES: Record<(typeof THEMES)[number], string> = {
  'rural-school-meals': '乡村学校午餐',
  'clean-water': '安全饮水',
  'rare-disease-kids': '罕见病儿童救助',
  'elderly-living-alone': '关爱独居老人',
  'village-libraries': '乡村图书室',
  'flood-relief': '洪灾救援',
  'autism-family-support': '孤独症家庭支持',
  'girls-education': '女童教育',
  'snow-leopard-habitat': '雪豹栖息地保护',
  'winter-clothes': '冬衣送暖',
  'hearing-aids': '听见希望助听器',
  'mountain-teachers': '山区教师',
};

/** Administrative divisions (GB/T 2260) of the registering civil-affairs bureaus. */
const DIVISIONS = ['110000', '310000', '440300', '330100', '510100', '420100', '320100', '610100'];
const REGIONS = [
  '北京市',
  '上海市',
  '广东省深圳市',
  '浙江省杭州市',
  '四川省成都市',
  '湖北省武汉市',
  '江苏省南京市',
  '陕西省西安市',
];

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
      title: round === 0 ? THEME_TITLES[theme] : `${THEME_TITLES[theme]} ${round + 1}`,
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
  const charities = charityIds.map((uscc, i) => ({
    uscc,
    name: `${REGIONS[i % REGIONS.length]}模拟公益基金会${i + 1}号`,
    region: REGIONS[i % REGIONS.length],
  }));
  const catalog: CampaignCatalog = { run, campaigns, charityIds, charities };
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
