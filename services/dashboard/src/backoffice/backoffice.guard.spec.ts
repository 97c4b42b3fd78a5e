import type { ExecutionContext } from '@nestjs/common';
import type { DashboardConfig } from '../config/dashboard.config';
import {
  BackofficeClient,
  backofficeAccess,
  BackofficeGuard,
  cookieValue,
} from './backoffice.guard';
import { accessStatusOf } from './backoffice.guard.errors';

const TOKEN = 'back-office-token-0123456789';

const client = (overrides: Partial<BackofficeClient> = {}): BackofficeClient => ({
  remoteAddress: '203.0.113.7',
  authorization: undefined,
  cookie: undefined,
  ...overrides,
});

describe('backofficeAccess without a token', () => {
  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])('lets the loopback client %s in', (address) => {
    expect(backofficeAccess(undefined, client({ remoteAddress: address }))).toBe('allowed');
  });

  it.each([
    ['another machine', client()],
    ['a private address', client({ remoteAddress: '192.168.1.20' })],
    ['another loopback-looking address', client({ remoteAddress: '127.0.0.2' })],
    ['no address (a closed socket)', client({ remoteAddress: undefined })],
    ['a client presenting some token', client({ authorization: `Bearer ${TOKEN}` })],
  ])('refuses %s as local-only', (_name, who) => {
    expect(backofficeAccess(undefined, who)).toBe('local_only');
  });
});

describe('backofficeAccess with a token', () => {
  it.each([
    ['the bearer header', client({ authorization: `Bearer ${TOKEN}` })],
    ['the sign-in cookie', client({ cookie: `lang=zh; backoffice_token=${TOKEN}; x=1` })],
    [
      'the cookie, percent-encoded',
      client({ cookie: `backoffice_token=${encodeURIComponent(TOKEN)}` }),
    ],
  ])('lets any client in with %s', (_name, who) => {
    expect(backofficeAccess(TOKEN, who)).toBe('allowed');
  });

  it.each([
    ['nothing, even on loopback', client({ remoteAddress: '127.0.0.1' })],
    ['a wrong bearer token', client({ authorization: 'Bearer back-office-token-0123456780' })],
    ['a prefix of the token', client({ cookie: `backoffice_token=${TOKEN.slice(0, 20)}` })],
    ['the token in another cookie', client({ cookie: `other_token=${TOKEN}` })],
    ['a malformed cookie', client({ cookie: 'backoffice_token=%E0%A4%A' })],
  ])('asks for the token from a client with %s', (_name, who) => {
    expect(backofficeAccess(TOKEN, who)).toBe('token_required');
  });
});

describe('cookieValue', () => {
  it('finds a cookie among others, whatever the spaces', () => {
    expect(cookieValue('a=1;  backoffice_token = v%20w ; b=2', 'backoffice_token')).toBe('v w');
    expect(cookieValue('xbackoffice_token=1', 'backoffice_token')).toBeUndefined();
    expect(cookieValue(undefined, 'backoffice_token')).toBeUndefined();
  });
});

describe('BackofficeGuard', () => {
  function refusal(token: string | undefined, request: object): unknown {
    const context = {
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    const guard = new BackofficeGuard({ DASHBOARD_BACKOFFICE_TOKEN: token } as DashboardConfig);
    try {
      return guard.canActivate(context);
    } catch (error) {
      return error;
    }
  }

  it('reads the socket peer, not a forwarded-for header', () => {
    const request = {
      socket: { remoteAddress: '203.0.113.7' },
      headers: { 'x-forwarded-for': '127.0.0.1' },
    };
    const error = refusal(undefined, request);
    expect(error).toMatchObject({ code: 'DASHBOARD.BACKOFFICE_LOCAL_ONLY' });
    expect(accessStatusOf('DASHBOARD.BACKOFFICE_LOCAL_ONLY')).toBe(403);
  });

  it('refuses a wrong token with 401 and lets the right one through', () => {
    const socket = { remoteAddress: '127.0.0.1' };
    expect(refusal(TOKEN, { socket, headers: { authorization: 'Bearer nope' } })).toMatchObject({
      code: 'DASHBOARD.BACKOFFICE_TOKEN_REQUIRED',
    });
    expect(accessStatusOf('DASHBOARD.BACKOFFICE_TOKEN_REQUIRED')).toBe(401);
    expect(refusal(TOKEN, { socket, headers: { authorization: `Bearer ${TOKEN}` } })).toBe(true);
  });
});
