import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ROLES, type SessionView, type SignInOptions } from '@send/contracts';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig, cookiesAreSecure } from '../config/app-config';
import { schemaRef } from '../http/endpoints';
import { AllowRoles, Public } from './actor';
import { readCookie, SessionCookies } from './cookies';
import { LocalSignInService } from './local-sign-in.service';
import { OidcService } from './oidc.service';
import type { SignedInRequest } from './session.guard';
import { SessionService } from './session.service';
import { SignInDto } from './sign-in.dto';
import { SignInRateLimit } from './sign-in.throttler';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: schemaRef('Problem') } } });

@ApiTags('sign-in')
@Controller('auth')
export class AuthController {
  private readonly cookies: SessionCookies;

  constructor(
    private readonly sessions: SessionService,
    private readonly local: LocalSignInService,
    private readonly oidc: OidcService,
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
  @ApiOperation({ summary: 'Sign in with a local account (email and password); sets the session cookie' })
  @ApiOkResponse({ description: 'Signed in', schema: schemaRef('SessionView') })
  @ApiUnauthorizedResponse(problem('Wrong email or password, or the account is locked after too many failures'))
  @ApiTooManyRequestsResponse(problem('Too many attempts: wait a minute'))
  async signIn(@Body() body: SignInDto, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    const result = await this.local.signIn(body.email.trim(), body.password);
    if (!result.ok) {
      throw new UnauthorizedException(
        'Enter a correct email address and password. After 5 wrong attempts in a row an account is locked for 15 minutes.',
      );
    }
    return this.startSession(result.userId, 'password', response);
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
    if (request.session) await this.sessions.end(request.session.id, 'signed out');
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
    } catch {
      response.redirect(302, '/sign-in?failed=sso');
      return;
    }
    await this.startSession(userId, 'oidc', response);
    response.redirect(302, '/');
  }

  private oidcRedirectUri(): string {
    return this.config.OIDC_REDIRECT_URI ?? 'http://localhost/api/auth/oidc/callback';
  }

  private async startSession(userId: string, method: 'password' | 'oidc', response: Response): Promise<SessionView> {
    const token = await this.sessions.start(userId, method);
    this.cookies.setSession(response, token);
    const session = await this.sessions.resume(token);
    if (!session) throw new UnauthorizedException('Sign in to continue.');
    return { user: session.actor as SessionView['user'], csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString(), idleExpiresAt: session.idleExpiresAt.toISOString() };
  }

  private view(request: SignedInRequest): SessionView {
    const s = request.session;
    if (!s) throw new UnauthorizedException('Sign in to continue.');
    return { user: s.actor as SessionView['user'], csrfToken: s.csrfToken, expiresAt: new Date(s.expiresAt).toISOString(), idleExpiresAt: new Date(s.idleExpiresAt).toISOString() };
  }
}
