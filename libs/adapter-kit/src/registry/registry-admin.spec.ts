import { makeUscc } from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';
import { registrationChange } from './registry-admin.repository';

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
