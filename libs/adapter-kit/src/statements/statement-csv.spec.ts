import { JD_STATEMENT_FORMAT } from './formats/jd.format';
import { SHUIDI_STATEMENT_FORMAT } from './formats/shuidi.format';
import { MAX_LINE_CHARS, parseStatementCsv } from './statement-csv';
import { StatementError } from './statement.errors';

const format = SHUIDI_STATEMENT_FORMAT;
const HEADER = 'orderNo,type,refundNo,occurredAt,amountFen,currency,projectId,campaignId,charityId';
const row = (orderNo: string) => `${orderNo},donation.paid,,2026-09-09 10:00:00,500,CNY,proj-1,,`;

describe('parseStatementCsv', () => {
  it('finds columns by name in any order and numbers lines as in the file', async () => {
    const reordered =
      'amountFen,orderNo,type,refundNo,occurredAt,projectId,extra\n\n500,sd-1,donation.paid,,2026-09-09 10:00:00,proj-1,x\n';
    const parsed = await parseStatementCsv(Buffer.from(reordered), format);
    expect(parsed.records).toEqual([
      {
        line: 3,
        text: '500,sd-1,donation.paid,,2026-09-09 10:00:00,proj-1,x',
        values: {
          donationAmount: '500',
          refundAmount: '500',
          transactionId: 'sd-1',
          kind: 'donation.paid',
          refundId: '',
          occurredAt: '2026-09-09 10:00:00',
          projectId: 'proj-1',
        },
      },
    ]);
  });

  it('rejects a broken line on its own: the lines after it still count', async () => {
    const text = [
      HEADER,
      row('sd-1'),
      '"sd-2,donation.paid',
      row('sd-3'),
      'sd-4,too,few',
      row('sd-5'),
    ].join('\r\n');
    const parsed = await parseStatementCsv(Buffer.from(text), format);
    expect(parsed.records.map((record) => record.values.transactionId)).toEqual([
      'sd-1',
      'sd-3',
      'sd-5',
    ]);
    expect(parsed.rejected).toEqual([
      {
        line: 3,
        text: '"sd-2,donation.paid',
        code: 'STATEMENT.MALFORMED_ROW',
        message: 'the line is not valid CSV',
      },
      {
        line: 5,
        text: 'sd-4,too,few',
        code: 'STATEMENT.MALFORMED_ROW',
        message: 'expected 9 cells, found 3',
      },
    ]);
  });

  it('rejects an overlong line, cut to fit a dead letter', async () => {
    const long = row(`sd-${'x'.repeat(20_000)}`);
    const parsed = await parseStatementCsv(Buffer.from([HEADER, long].join('\n')), format);
    expect(parsed.records).toEqual([]);
    expect(parsed.rejected).toEqual([
      {
        line: 2,
        text: long.slice(0, MAX_LINE_CHARS),
        code: 'STATEMENT.MALFORMED_ROW',
        message: `the line is longer than ${MAX_LINE_CHARS} characters`,
      },
    ]);
  });

  it('parses many chunks of lines', async () => {
    const rows = Array.from({ length: 4_500 }, (_, i) => row(`sd-${i}`));
    const parsed = await parseStatementCsv(Buffer.from([HEADER, ...rows].join('\n')), format);
    expect(parsed.records).toHaveLength(4_500);
    expect(parsed.records[4_499]).toMatchObject({
      line: 4_501,
      values: { transactionId: 'sd-4499' },
    });
  });

  it('reads quoted cells, a UTF-8 BOM and GB18030 (GBK) text', async () => {
    const quoted = `\uFEFF${HEADER}\n"sd-1","donation.paid","","2026-09-09 10:00:00","500","CNY","proj, 1","",""\n`;
    const utf8 = await parseStatementCsv(Buffer.from(quoted), format);
    expect(utf8.records[0]?.values.projectId).toBe('proj, 1');
    // "订单号,业务类型,退款单号,交易时间,金额（元）,活动ID\nJD1,支付,,2026-09-09 10:00:00,1.00,A1"
    const gbk = Buffer.from(
      'b6a9b5a5bac52cd2b5cef1c0e0d0cd2ccdcbbfeeb5a5bac52cbdbbd2d7cab1bce42cbdf0b6eea3a8d4aaa3a92cbbeeb6af49440a4a44312cd6a7b8b62c2c323032362d30392d30392031303a30303a30302c312e30302c4131',
      'hex',
    );
    const parsed = await parseStatementCsv(gbk, JD_STATEMENT_FORMAT);
    expect(parsed.records[0]?.values).toMatchObject({ kind: '支付', donationAmount: '1.00' });
  });

  it.each([
    ['an empty file', ''],
    ['a header without the required columns', 'orderNo,type\nsd-1,donation.paid\n'],
    ['a header without any campaign column', 'orderNo,type,refundNo,occurredAt,amountFen\n'],
  ])('refuses %s as MALFORMED_FILE', async (_name, text) => {
    const failure = parseStatementCsv(Buffer.from(text), format);
    await expect(failure).rejects.toBeInstanceOf(StatementError);
    await expect(failure).rejects.toMatchObject({ code: 'STATEMENT.MALFORMED_FILE' });
  });
});
