import { makeUscc } from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';
import { registrationChange, updatedRegistration } from './registry-admin.repository';

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
