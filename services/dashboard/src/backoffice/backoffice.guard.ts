import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorAnswer, bearerTokenMatches, tokenMatches } from '@donations/observability';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import { BackofficeAccessError, BackofficeAccessFilter } from './backoffice.guard.errors';

/** The cookie POST /backoffice/session sets: the token itself, for the page's own requests. */
export const BACKOFFICE_COOKIE = 'backoffice_token';

/** What a back-office client presents: where it connects from, its header and its cookies. */
export interface BackofficeClient {
  /** The socket's peer (never a forwarded-for header: a proxy's client could claim anything). */
  readonly remoteAddress: string | undefined;
  readonly authorization: string | undefined;
  readonly cookie: string | undefined;
}

export type BackofficeDecision = 'allowed' | 'local_only' | 'token_required';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The value of cookie `name` in a Cookie header (percent-decoded), if it has one. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Who may use the back office. Without a token configured, only this machine (loopback): the
 * gateway may listen on every interface for its public pages. With one, any client presenting
 * it, as a bearer header or the sign-in cookie (compared in constant time), wherever it is.
 */
export function backofficeAccess(
  token: string | undefined,
  client: BackofficeClient,
): BackofficeDecision {
  if (token === undefined) {
    return LOOPBACK.has(client.remoteAddress ?? '') ? 'allowed' : 'local_only';
  }
  const cookie = cookieValue(client.cookie, BACKOFFICE_COOKIE);
  const presented =
    bearerTokenMatches(token, client.authorization) ||
    (cookie !== undefined && tokenMatches(token, cookie));
  return presented ? 'allowed' : 'token_required';
}

export function clientOf(request: FastifyRequest): BackofficeClient {
  return {
    remoteAddress: request.socket.remoteAddress,
    authorization: request.headers.authorization,
    cookie: request.headers.cookie,
  };
}

/** The refusal of a decision, or undefined when it lets the client in. */
export function refusalOf(decision: BackofficeDecision): BackofficeAccessError | undefined {
  switch (decision) {
    case 'allowed':
      return undefined;
    case 'local_only':
      return new BackofficeAccessError(
        'DASHBOARD.BACKOFFICE_LOCAL_ONLY',
        'the back office answers only this machine (no DASHBOARD_BACKOFFICE_TOKEN is set)',
      );
    case 'token_required':
      return new BackofficeAccessError(
        'DASHBOARD.BACKOFFICE_TOKEN_REQUIRED',
        'the back office needs its token: `Authorization: Bearer <token>` or the sign-in cookie',
      );
  }
}

/** Lets a request into the back office as backofficeAccess decides; refuses it otherwise. */
@Injectable()
export class BackofficeGuard implements CanActivate {
  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const refusal = refusalOf(
      backofficeAccess(this.config.DASHBOARD_BACKOFFICE_TOKEN, clientOf(request)),
    );
    if (refusal !== undefined) throw refusal;
    return true;
  }
}

/**
 * Puts a back-office controller or route behind BackofficeGuard, with the filter that answers
 * its refusals (`{code, message}`, 401 or 403) and their OpenAPI description.
 */
export const BackofficeAccess = (): ClassDecorator & MethodDecorator =>
  applyDecorators(
    UseGuards(BackofficeGuard),
    UseFilters(BackofficeAccessFilter),
    ApiBearerAuth(),
    ApiErrorAnswer(
      401,
      'DASHBOARD_BACKOFFICE_TOKEN is set and neither `Authorization: Bearer <token>` nor the `backoffice_token` cookie holds it: `DASHBOARD.BACKOFFICE_TOKEN_REQUIRED`',
    ),
    ApiErrorAnswer(
      403,
      'no token is set and the client is not on this machine: `DASHBOARD.BACKOFFICE_LOCAL_ONLY`',
    ),
  );
