import type { ExecutionContext } from '@nestjs/common';
import type { AggregatorConfig } from '../config/aggregator.config';
import { OperatorTokenGuard } from './operator-token.guard';

function requestWith(authorization: string | undefined): ExecutionContext {
  const request = { headers: authorization === undefined ? {} : { authorization } };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

const guard = (token: string | undefined) =>
  new OperatorTokenGuard({ OPERATOR_TOKEN: token } as AggregatorConfig);

function refusal(token: string | undefined, header: string | undefined): unknown {
  try {
    guard(token).canActivate(requestWith(header));
  } catch (error) {
    return error;
  }
  throw new Error('the request was let through');
}

describe('OperatorTokenGuard', () => {
  const token = 'operator-token-0123456789';

  it('lets a request with the operator token through', () => {
    expect(guard(token).canActivate(requestWith(`Bearer ${token}`))).toBe(true);
  });

  it.each([undefined, 'Bearer operator-token-9876543210'])('refuses %s with 401', (header) => {
    expect(refusal(token, header)).toMatchObject({ code: 'AGGREGATE.UNAUTHORIZED' });
  });

  it('refuses everything, with its own code, when no token is configured', () => {
    expect(refusal(undefined, `Bearer ${token}`)).toMatchObject({
      code: 'AGGREGATE.OPERATIONS_DISABLED',
    });
  });
});
