import { makeUscc } from '@donations/contracts';
import { OpsError } from '../ops-error';
import { charityCsvRows, registryCsvRows } from './registry-import';

const charity = makeUscc('53100000500021676');
const wrongCheck = `${charity.slice(0, 17)}${charity[17] === '0' ? '1' : '0'}`;

describe('registryCsvRows', () => {
  it('checks each line against the contract and keeps the line numbers', () => {
    const csv =
      '\uFEFFplatform,platformProjectId,campaignId,charityId,title,filingNumber,startsOn,endsOn,merchantId\n' +
      `shuidi,p-1,c-1,${charity},助学,53100000500021676A25001,2026-12-01,2026-12-31,\n` +
      `tencent,proj-7,c-1,${charity},,,,,1900000109\n` +
      `paypal,p-2,c-2,${charity},x,,,,\n` +
      `jd,p-3,c-3,91350100M000100Y44,,,,,\n` +
      `tencent,proj-8,c-4,${charity},,,,,\n` +
      `shuidi,p-4,c-5,${charity},,,2026-12-31,2026-12-01,\n`;
    const rows = registryCsvRows(csv);
    expect(rows.map((row) => [row.line, row.ok])).toEqual([
      [2, true],
      [3, true],
      [4, false],
      [5, false],
      [6, false],
      [7, false],
    ]);
    expect(rows[0]).toMatchObject({
      entry: { platform: 'shuidi', title: '助学', startsOn: '2026-12-01', endsOn: '2026-12-31' },
    });
    expect(rows[1]).toMatchObject({
      entry: { platformProjectId: 'proj-7', merchantId: '1900000109' },
    });
    expect(rows[1].ok && rows[1].entry.title).toBeUndefined();
    expect(rows[3]).toMatchObject({ message: expect.stringContaining('charityId') as unknown });
    expect(rows[4]).toMatchObject({ message: expect.stringContaining('merchantId') as unknown });
    expect(rows[5]).toMatchObject({ message: 'endsOn: endsOn is before startsOn' });
  });

  it('reads a file of the older columns (no filing, dates or merchant)', () => {
    const rows = registryCsvRows(
      `platform,platformProjectId,campaignId,charityId,title\nshuidi,p-1,c-1,${charity},\n`,
    );
    expect(rows).toEqual([
      {
        line: 2,
        ok: true,
        entry: {
          platform: 'shuidi',
          platformProjectId: 'p-1',
          campaignId: 'c-1',
          charityId: charity,
        },
      },
    ]);
  });

  it('refuses a file that is not CSV', () => {
    expect(() => registryCsvRows('platform,platformProjectId\n"unterminated')).toThrow(OpsError);
  });
});

describe('charityCsvRows', () => {
  it('accepts a checked USCC with a name and region, trimmed', () => {
    const rows = charityCsvRows(`uscc,name,region\n${charity}, 中国青少年发展基金会 ,北京市\n`);
    expect(rows).toEqual([
      {
        line: 2,
        ok: true,
        entry: { uscc: charity, name: '中国青少年发展基金会', region: '北京市' },
      },
    ]);
  });

  it('refuses a wrong check character, a missing name and an unknown column, line by line', () => {
    const rows = charityCsvRows(
      'uscc,name,region\n' +
        `${wrongCheck},某基金会,上海市\n` +
        `${charity},,上海市\n` +
        `not-a-uscc,某基金会,上海市\n`,
    );
    expect(rows).toEqual([
      {
        line: 2,
        ok: false,
        reason: 'OPS.INVALID_ROW',
        message: 'uscc: USCC check character does not match (GB 32100-2015)',
      },
      {
        line: 3,
        ok: false,
        reason: 'OPS.INVALID_ROW',
        message: expect.stringContaining('name') as unknown,
      },
      {
        line: 4,
        ok: false,
        reason: 'OPS.INVALID_ROW',
        message: expect.stringContaining('uscc: must be 18 characters') as unknown,
      },
    ]);
    const extra = charityCsvRows(`uscc,name,region,phone\n${charity},某基金会,上海市,123\n`);
    expect(extra[0]).toMatchObject({
      ok: false,
      message: expect.stringContaining('phone') as unknown,
    });
  });
});
