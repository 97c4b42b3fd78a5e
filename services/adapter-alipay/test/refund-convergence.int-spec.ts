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
import { AdapterAlipayConfigSchema } from '../src/config/adapter-alipay.config';
import {
  alipayPublicKey,
  APP_ID,
  appPrivateKey,
  NotifyParams,
  paidNotify,
  refundNotify,
  rsaKeys,
  SELLER_ID,
  signedForm,
} from './alipay-notify.builder';

const CHARITY = makeUscc('53100000500021676');
const TOKEN = 'statement-import-token-0123456789';
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const HEADER =
  '支付宝交易号,业务类型,退款请求号,发生时间,收入金额（+元）,支出金额（-元）,币种,公益项目编号,慈善项目备案编号,统一社会信用代码';
const alipay = rsaKeys();

/** Three partial refunds of a 100.00 trade, as Alipay numbers them: 10.00, 20.00, 30.00. */
const REFUNDS = [
  { outBizNo: 'R1', yuan: '10.00', cumulative: '10.00', time: '2026-09-09 12:00:00' },
  { outBizNo: 'R2', yuan: '20.00', cumulative: '30.00', time: '2026-09-09 13:00:00' },
  { outBizNo: 'R3', yuan: '30.00', cumulative: '60.00', time: '2026-09-09 14:00:00' },
];
/** The refunded total the aggregator would count: each distinct eventId once. */
describe('adapter-alipay: refunds converge whatever the order and the source', () => {
  let harness: AdapterHarness;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterAlipayConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      ALIPAY_APP_ID: APP_ID,
      ALIPAY_APP_PRIVATE_KEY: appPrivateKey(rsaKeys().privateKey),
      ALIPAY_PUBLIC_KEYS: alipayPublicKey(alipay.publicKey),
      STATEMENT_IMPORT_TOKEN: TOKEN,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-alipay', AppModule.register(config));
    await harness.register('alipay', SELLER_ID, campaignId, CHARITY);
  });

  afterAll(() => harness.close());

  async function deliver(params: NotifyParams): Promise<string> {
    const raw = signedForm(params, { privateKey: alipay.privateKey });
    const answer = await harness.post('/webhooks/alipay', raw, { 'content-type': FORM });
    return `${answer.status} ${answer.text}`;
  }

  async function importStatement(csv: string): Promise<number> {
    const answer = await harness.post('/statements', csv, {
      'content-type': 'text/csv; charset=utf-8',
      authorization: `Bearer ${TOKEN}`,
    });
    return answer.status;
  }

  it('refunds 60.00 exactly once for every order of three partial refunds, each delivered twice, then the statement imported twice', async () => {
    const trades = THREE_REFUND_ORDERS.map(() => paidNotify({ total_amount: '100.00' }));
    const answers: string[] = [];
    for (const [t, order] of THREE_REFUND_ORDERS.entries()) {
      answers.push(await deliver(trades[t]));
      for (const i of order) {
        const { outBizNo, cumulative, time } = REFUNDS[i];
        const notify = refundNotify(trades[t], cumulative, {
          out_biz_no: outBizNo,
          gmt_refund: time,
        });
        answers.push(await deliver(notify), await deliver(notify));
      }
    }
    const rows = trades.flatMap((trade) => [
      `${trade.trade_no},交易,,2026-09-09 10:00:01,100.00,,CNY,${SELLER_ID},,`,
      ...REFUNDS.map(
        ({ outBizNo, yuan, time }) =>
          `${trade.trade_no},退款,${outBizNo},${time},,${yuan},CNY,${SELLER_ID},,`,
      ),
    ]);
    const csv = ['#支付宝账务明细查询', HEADER, ...rows, '#-----账务明细列表结束-----'].join('\n');
    const imports = [await importStatement(csv), await importStatement(csv)];
    // One campaign, one partition: once a later donation is read, everything before it is.
    const fence = paidNotify();
    answers.push(await deliver(fence));
    await harness.waitForEvents(fence.trade_no, 1);

    const refunded = trades.map((trade) => refundedOnce(harness.eventsFor(trade.trade_no)));
    expect({ refunded, imports }).toEqual({
      refunded: THREE_REFUND_ORDERS.map(() => 6000),
      imports: [200, 200],
    });
    expect(answers.every((answer) => answer === '200 success')).toBe(true);
  });
});
