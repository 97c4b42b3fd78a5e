import {
  Body,
  Controller,
  HttpCode,
  Inject,
  Logger,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorAnswer, tokenMatches } from '@donations/observability';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import {
  BACKOFFICE_COOKIE,
  backofficeAccess,
  BackofficeDecision,
  clientOf,
  refusalOf,
} from './backoffice.guard';
import { BackofficeAccessFilter } from './backoffice.guard.errors';

/** Where a signed-in browser goes next: the back office page. */
export const BACKOFFICE_PAGE = '/backoffice';

/**
 * The cookie that carries the token for the page's own requests: never readable by a script
 * (HttpOnly), never sent by another site's page (SameSite=Strict), only under /backoffice.
 */
export function sessionCookie(token: string): string {
  return `${BACKOFFICE_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/backoffice`;
}

/**
 * The back office's sign-in: a form field `token` (the page's form or JSON). With the right
 * token it sets the cookie and sends the browser to the page; without a token configured there
 * is nothing to sign in to, and the local-only rule answers.
 */
@ApiTags('backoffice')
@UseFilters(BackofficeAccessFilter)
@Controller('backoffice/session')
export class BackofficeSessionController {
  private readonly logger = new Logger(BackofficeSessionController.name);

  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  @Post()
  @HttpCode(303)
  @ApiOperation({
    summary: 'Sign in to the back office: sets the token cookie, then 303 to the page',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { token: { type: 'string' } } } })
  @ApiResponse({
    status: 303,
    description: 'signed in (`Set-Cookie: backoffice_token`); Location: /backoffice',
  })
  @ApiErrorAnswer(401, 'not the token: `DASHBOARD.BACKOFFICE_TOKEN_REQUIRED`')
  @ApiErrorAnswer(
    403,
    'no token is set and the client is not on this machine: `DASHBOARD.BACKOFFICE_LOCAL_ONLY`',
  )
  signIn(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): void {
    const token = this.config.DASHBOARD_BACKOFFICE_TOKEN;
    const presented = presentedToken(body);
    const decision: BackofficeDecision =
      token === undefined
        ? backofficeAccess(undefined, clientOf(request))
        : presented !== undefined && tokenMatches(token, presented)
          ? 'allowed'
          : 'token_required';
    const refusal = refusalOf(decision);
    if (refusal !== undefined) {
      // The address only: never what was typed (it may be the token, or most of it).
      this.logger.warn({
        msg: 'back office sign-in refused',
        client: request.socket.remoteAddress,
        code: refusal.code,
      });
      throw refusal;
    }
    if (token !== undefined) void reply.header('set-cookie', sessionCookie(token));
    void reply.header('location', BACKOFFICE_PAGE);
  }
}

/** The form's `token` field, when it is one bounded string. */
function presentedToken(body: unknown): string | undefined {
  const token =
    typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
  return typeof token === 'string' && token.length <= 1_024 ? token : undefined;
}
