import { makeUscc } from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';
import { registrationChange, rowsOf, updatedRegistration } from './campaign-change';

const wanted = {
  platform: 'shuidi' as const,
  platformProjectId: 'proj-1',
  campaignId: 'campaign-1',
  charityId: makeUscc('53100000500021676'),
};

describe('registrationChange', () => {
  it('creates what is not registered, and leaves the same mapping unchanged', () => {
    expect(registrationChange(undefined, wanted)).toBe('created');
    expect(registrationChange(wanted, wanted)).toBe('unchanged');
  });

  it('refuses to point a registered id at another campaign', () => {
    expect(() => registrationChange({ ...wanted, campaignId: 'other' }, wanted)).toThrow(
      new OperatorError(
        'REGISTRY.CONFLICT',
        'shuidi project proj-1 is registered to campaign other already',
      ),
    );
  });
});

describe('updatedRegistration', () => {
  it('changes only what the update gives', () => {
    const update = { platform: 'shuidi' as const, platformProjectId: 'proj-1', title: '助学' };
    expect(updatedRegistration(wanted, update)).toEqual({
      change: 'updated',
      entry: { ...wanted, title: '助学' },
    });
    expect(updatedRegistration(wanted, { ...update, title: undefined })).toEqual({
      change: 'unchanged',
      entry: wanted,
    });
  });

  it('refuses to update an id that is not registered', () => {
    const update = { platform: 'shuidi' as const, platformProjectId: 'proj-9', campaignId: 'c' };
    expect(() => updatedRegistration(undefined, update)).toThrow(
      expect.objectContaining({ code: 'REGISTRY.NOT_FOUND' }) as Error,
    );
  });
});

describe('rowsOf', () => {
  it('registers a WeChat Pay merchant id as a row of its own, to the same campaign', () => {
    const tencent = { ...wanted, platform: 'tencent' as const, merchantId: '1900000109' };
    const rows = rowsOf(tencent);
    expect(rows).toEqual([
      { ...wanted, platform: 'tencent' },
      { ...wanted, platform: 'tencent', platformProjectId: '1900000109' },
    ]);
    expect(rowsOf({ ...tencent, merchantId: 'proj-1' })).toHaveLength(1);
  });
});

describe('updatedRegistration: campaign fields', () => {
  it('sets the filing number and dates, and refuses an end before the start', () => {
    const update = { platform: 'shuidi' as const, platformProjectId: 'proj-1' };
    expect(
      updatedRegistration(wanted, { ...update, filingNumber: 'F-1', endsOn: '2026-12-31' }),
    ).toEqual({
      change: 'updated',
      entry: { ...wanted, filingNumber: 'F-1', endsOn: '2026-12-31' },
    });
    expect(() =>
      updatedRegistration(
        { ...wanted, endsOn: '2026-12-01' },
        { ...update, startsOn: '2026-12-31' },
      ),
    ).toThrow(/endsOn is before startsOn/);
  });
});
