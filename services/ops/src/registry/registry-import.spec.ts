import { makeUscc } from '@donations/contracts';
import { OpsError } from '../ops-error';
import { registryCsvRows } from './registry-import';

const charity = makeUscc('53100000500021676');

describe('registryCsvRows', () => {
  it('checks each line against the contract and keeps the line numbers', () => {
    const csv =
      '\uFEFFplatform,platformProjectId,campaignId,charityId,title\n' +
      `shuidi,p-1,c-1,${charity},助学\n` +
      `tencent,1900000109,c-1,${charity},\n` +
      `paypal,p-2,c-2,${charity},x\n` +
      `jd,p-3,c-3,91350100M000100Y44,\n`;
    const rows = registryCsvRows(csv);
    expect(rows.map((row) => [row.line, row.ok])).toEqual([
      [2, true],
      [3, true],
      [4, false],
      [5, false],
    ]);
    expect(rows[0]).toMatchObject({ entry: { platform: 'shuidi', title: '助学' } });
    expect(rows[1]).toMatchObject({ entry: { platformProjectId: '1900000109' } });
    expect(rows[1].ok && rows[1].entry.title).toBeUndefined();
    expect(rows[3]).toMatchObject({
      reason: 'OPS.INVALID_ROW',
      message: expect.stringContaining('charityId') as unknown,
    });
  });

  it('refuses a file that is not CSV', () => {
    expect(() => registryCsvRows('platform,platformProjectId\n"unterminated')).toThrow(OpsError);
  });
});
