import { makeUscc } from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';
import { charityChange, updatedCharity } from './charity-change';

const charity = { uscc: makeUscc('53100000500021676'), name: '某慈善基金会', region: '北京市' };

describe('charityChange', () => {
  it('creates a charity not registered, and leaves the same one unchanged', () => {
    expect(charityChange(undefined, charity)).toBe('created');
    expect(charityChange(charity, { ...charity })).toBe('unchanged');
  });

  it('refuses to register a USCC again under another name (update changes it)', () => {
    expect(() => charityChange({ ...charity, name: '另一基金会' }, charity)).toThrow(
      new OperatorError(
        'REGISTRY.CONFLICT',
        `charity ${charity.uscc} is registered already as 另一基金会 (北京市): update it`,
      ),
    );
  });
});

describe('updatedCharity', () => {
  it('changes only what the update gives', () => {
    expect(updatedCharity(charity, { uscc: charity.uscc, region: '上海市' })).toEqual({
      change: 'updated',
      entry: { ...charity, region: '上海市' },
    });
    expect(updatedCharity(charity, { uscc: charity.uscc, name: charity.name })).toEqual({
      change: 'unchanged',
      entry: charity,
    });
  });

  it('refuses to update a charity not registered', () => {
    expect(() => updatedCharity(undefined, { uscc: charity.uscc, name: 'x' })).toThrow(
      expect.objectContaining({ code: 'REGISTRY.NOT_FOUND' }) as Error,
    );
  });
});
