import {
  Body,
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Injectable,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UnsupportedMediaTypeException,
  UseGuards,
} from '@nestjs/common';
import {
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ROLES, type SessionView, type SignInOptions } from '@send/contracts';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { SecurityLogService } from '../audit/security-log.service';
import { APP_CONFIG, type AppConfig, cookiesAreSecure } from '../config/app-config';
import { schemaRef } from '../http/endpoints';
import { AllowRoles, Public } from './actor';
import { readCookie, SessionCookies } from './cookies';
import { LocalSignInService } from './local-sign-in.service';
import { OidcService, SsoRefusedError } from './oidc.service';
import type { SignedInRequest } from './session.guard';
import { SessionService } from './session.service';
import { SignInDto } from './sign-in.dto';
import { SignInRateLimit } from './sign-in.throttler';

/** A short digest of what was typed as an email, to tell repeated attempts apart without keeping it. */
const digest = (text: string) => createHash('sha256').update(text.toLowerCase()).digest('hex').slice(0, 16);

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: schemaRef('Problem') } } });

/**
 * JSON only, checked before the body is: a page on another site can post a form (urlencoded,
 * multipart or text/plain) without the browser asking first, which would sign the victim in to the
 * attacker's account (login CSRF); JSON cannot be sent across sites without a CORS preflight, which
 * this API never grants.
 */
@Injectable()
class RequireJson implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (!context.switchToHttp().getRequest<Request>().is('application/json')) {
      throw new UnsupportedMediaTypeException('Send the sign-in as JSON (Content-Type: application/json).');
    }
    return true;
  }
}

@ApiTags('sign-in')
@Controller('auth')
export class AuthController {
  private readonly cookies: SessionCookies;

  constructor(
    private readonly sessions: SessionService,
    private readonly local: LocalSignInService,
    private readonly oidc: OidcService,
    private readonly securityLog: SecurityLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cookies = new SessionCookies(cookiesAreSecure(config));
  }

  @Public()
  @Get('options')
  @ApiOperation({ summary: 'How staff can sign in here' })
  @ApiOkResponse({ description: 'Sign-in methods', schema: schemaRef('SignInOptions') })
  options(): SignInOptions {
    return { password: true, singleSignOn: this.oidc.enabled };
  }

  @Public()
  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @SignInRateLimit()
  @UseGuards(RequireJson)
  @ApiConsumes('application/json')
  @ApiOperation({ summary: 'Sign in with a local account (email and password, as JSON only); sets the session cookie' })
  @ApiUnsupportedMediaTypeResponse(problem('Not sent as JSON (a form posted from another site cannot sign anyone in)'))
  @ApiOkResponse({ description: 'Signed in', schema: schemaRef('SessionView') })
  @ApiUnauthorizedResponse(problem('Wrong email or password, or the account is locked after too many failures'))
  @ApiTooManyRequestsResponse(problem('Too many attempts: wait a minute'))
  async signIn(@Body() body: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    const email = body.email.trim();
    const result = await this.local.signIn(email, body.password);
    if (!result.ok) {
      await this.securityLog.record(request, {
        event: 'sign_in',
        outcome: 'failure',
        subjectUserId: result.userId ?? null,
        // An unknown account is recorded by a digest of what was typed: never the text itself.
        detail: { method: 'password', reason: result.reason, ...(result.userId ? {} : { emailDigest: digest(email) }) },
      });
      if (result.lockedNow) {
        await this.securityLog.record(request, {
          event: 'account_locked',
          outcome: 'success',
          subjectUserId: result.userId ?? null,
          detail: { failures: this.config.SIGN_IN_MAX_FAILURES, minutes: this.config.SIGN_IN_LOCK_MINUTES },
        });
      }
      throw new UnauthorizedException(
        'Enter a correct email address and password. After 5 wrong attempts in a row an account is locked for 15 minutes.',
      );
    }
    return this.startSession(result.userId, 'password', request, response);
  }

  @Get('session')
  @AllowRoles(...ROLES)
  @ApiOperation({ summary: 'Who is signed in, and the CSRF token for changes' })
  @ApiOkResponse({ description: 'The session', schema: schemaRef('SessionView') })
  @ApiUnauthorizedResponse(problem('Not signed in, or the session has ended'))
  session(@Req() request: SignedInRequest): SessionView {
    return this.view(request);
  }

  @Post('sign-out')
  @AllowRoles(...ROLES)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: ends the session on the server at once' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async signOut(@Req() request: SignedInRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.session) {
      await this.sessions.end(request.session.id, 'signed out');
      await this.securityLog.record(request, { event: 'sign_out', outcome: 'success', actor: request.actor, subjectUserId: request.actor?.id });
    }
    this.cookies.clearSession(response);
  }

  @Public()
  @Get('oidc/start')
  @SignInRateLimit()
  @ApiOperation({ summary: "Sign in with the council's identity provider (OpenID Connect, code flow with PKCE): redirects there" })
  @ApiOkResponse({ description: 'A redirect (302) to the identity provider' })
  async oidcStart(@Res() response: Response): Promise<void> {
    const { url, state } = await this.oidc.start();
    this.cookies.setOidcState(response, state);
    response.redirect(302, url);
  }

  @Public()
  @Get('oidc/callback')
  @SignInRateLimit()
  @ApiOperation({ summary: 'Where the identity provider sends the browser back; sets the session cookie and redirects to the app' })
  @ApiOkResponse({ description: 'A redirect (302) to the app' })
  async oidcCallback(@Req() request: SignedInRequest, @Res() response: Response): Promise<void> {
    const bound = readCookie(request, this.cookies.oidcState);
    this.cookies.clearOidcState(response);
    // The callback URL as the provider addressed it: the configured redirect URI plus this query.
    const url = new URL(request.originalUrl, 'http://placeholder');
    const callback = new URL(this.oidcRedirectUri());
    callback.search = url.search;
    let userId: string;
    try {
      userId = await this.oidc.finish(callback, bound);
    } catch (error) {
      await this.securityLog.record(request, {
        event: 'sign_in',
        outcome: 'failure',
        detail: {
          method: 'oidc',
          reason: error instanceof SsoRefusedError ? error.reason : 'error',
          ...(error instanceof SsoRefusedError && error.subject ? { subject: error.subject } : {}),
        },
      });
      response.redirect(302, '/sign-in?failed=sso');
      return;
    }
    await this.startSession(userId, 'oidc', request, response);
    response.redirect(302, '/');
  }

  private oidcRedirectUri(): string {
    return this.config.OIDC_REDIRECT_URI ?? 'http://localhost/api/auth/oidc/callback';
  }

  private async startSession(userId: string, method: 'password' | 'oidc', request: Request, response: Response): Promise<SessionView> {
    const token = await this.sessions.start(userId, method);
    this.cookies.setSession(response, token);
    const session = await this.sessions.resume(token);
    if (!session) throw new UnauthorizedException('Sign in to continue.');
    await this.securityLog.record(request, { event: 'sign_in', outcome: 'success', actor: session.actor, subjectUserId: userId, detail: { method } });
    return { user: session.actor as SessionView['user'], csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString(), idleExpiresAt: session.idleExpiresAt.toISOString() };
  }

  private view(request: SignedInRequest): SessionView {
    const s = request.session;
    if (!s) throw new UnauthorizedException('Sign in to continue.');
    return { user: s.actor as SessionView['user'], csrfToken: s.csrfToken, expiresAt: new Date(s.expiresAt).toISOString(), idleExpiresAt: new Date(s.idleExpiresAt).toISOString() };
  }
}
