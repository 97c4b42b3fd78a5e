import { loadConfig } from '@donations/config';
import { makeUscc } from '@donations/contracts';
import {
  AdapterHarness,
  adapterTestEnv,
  refundedOnce,
  THREE_REFUND_ORDERS,
  uniqueSuffix,
} from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterTencentConfigSchema } from '../src/config/adapter-tencent.config';
import {
  API_V3_KEY,
  notificationBody,
  platformKey,
  platformKeysEnv,
  refund,
  transaction,
  wechatpayHeaders,
} from './wechatpay-notification.builder';

const CHARITY = makeUscc('53100000500021676');
const TOKEN = 'statement-import-token-0123456789';
const KEY = platformKey('PUB_KEY_ID_0114232134912410000000000000');
const MERCHANT = '1900000109';
const HEADER =
  '交易时间,微信支付订单号,交易状态,订单金额,微信退款单号,退款金额,货币种类,公益项目编号,慈善项目备案编号,统一社会信用代码';

/** Three partial refunds of a 100.00 donation, in fen. */
const AMOUNTS = [1000, 2000, 3000];
const bill = (cells: (string | number)[]) => cells.map((cell) => `\`${cell}`).join(',');

describe('adapter-tencent: refunds converge whatever the order and the source', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterTencentConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      WECHATPAY_APIV3_KEY: API_V3_KEY,
      WECHATPAY_PLATFORM_KEYS: platformKeysEnv([KEY]),
      WECHATPAY_MCHID: '1230000109',
      STATEMENT_IMPORT_TOKEN: TOKEN,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-tencent', AppModule.register(config));
    await harness.register('tencent', MERCHANT, campaignId, CHARITY);
  });

  afterAll(() => harness.close());

  async function deliver(eventType: string, resource: unknown): Promise<number> {
    const body = notificationBody(eventType, resource);
    return (await harness.post('/webhooks/tencent', body, wechatpayHeaders(body, KEY))).status;
  }

  async function importStatement(csv: string): Promise<number> {
    const answer = await harness.post('/statements', csv, {
      'content-type': 'text/csv; charset=utf-8',
      authorization: `Bearer ${TOKEN}`,
    });
    return answer.status;
  }

  it('refunds 60.00 exactly once for every order of three partial refunds, each delivered twice, then the statement imported twice', async () => {
    const donations = THREE_REFUND_ORDERS.map(() =>
      transaction({ amount: { total: 10_000, payer_total: 10_000, currency: 'CNY' } }),
    );
    const refundIds = donations.map(() => AMOUNTS.map(() => `50000${uniqueSuffix()}`));
    const statuses: number[] = [];
    for (const [t, order] of THREE_REFUND_ORDERS.entries()) {
      statuses.push(await deliver('TRANSACTION.SUCCESS', donations[t]));
      for (const i of order) {
        const resource = refund(donations[t].transaction_id, {
          refund_id: refundIds[t][i],
          amount: { total: 10_000, refund: AMOUNTS[i], payer_total: 10_000 },
        });
        statuses.push(
          await deliver('REFUND.SUCCESS', resource),
          await deliver('REFUND.SUCCESS', resource),
        );
      }
    }
    const rows = donations.flatMap(({ transaction_id: txn }, t) => [
      bill(['2026-09-09 10:00:01', txn, 'SUCCESS', 10000, '', 0, 'CNY', MERCHANT, '', '']),
      ...AMOUNTS.map((amount, i) =>
        bill([
          `2026-09-09 1${i + 2}:00:00`,
          txn,
          'REFUND',
          10000,
          refundIds[t][i],
          amount,
          'CNY',
          MERCHANT,
          '',
          '',
        ]),
      ),
    ]);
    const csv = [HEADER, ...rows, '总交易单数,应结订单总金额,退款总金额', '`6,`60000,`36000'].join(
      '\n',
    );
    const imports = [await importStatement(csv), await importStatement(csv)];
    // One campaign, one partition: once a later donation is read, everything before it is.
    const fence = transaction();
    statuses.push(await deliver('TRANSACTION.SUCCESS', fence));
    await harness.waitForEvents(fence.transaction_id, 1);

    const refunded = donations.map((d) => refundedOnce(harness.eventsFor(d.transaction_id)));
    expect({ refunded, imports }).toEqual({
      refunded: THREE_REFUND_ORDERS.map(() => 6000),
      imports: [200, 200],
    });
    expect(statuses.filter((status) => status !== 204)).toEqual([]);
  });
});
