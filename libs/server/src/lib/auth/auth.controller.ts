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
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiConsumes,
  ApiFoundResponse,
  ApiNotFoundResponse,
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
import {
  APP_CONFIG,
  type AppConfig,
  cookiesAreSecure,
} from '../config/app-config';
import { schemaRef } from '../http/endpoints';
import {
  AllowRoles,
  OpenBeforePasswordChange,
  Public,
} from '../identity/actor';
import { readCookie, SessionCookies } from './cookies';
import {
  LocalSignInService,
  type SignInRefusal,
} from './local-sign-in.service';
import { ChangePasswordDto } from './password.dto';
import { PasswordService } from './password.service';
import { OidcService, SsoRefusedError } from './oidc.service';
import type { SignedInRequest } from './session.guard';
import { type ActiveSession, SessionService } from './session.service';
import { SignInDto } from './sign-in.dto';
import {
  normaliseEmail,
  PasswordChangeRateLimit,
  SignInRateLimit,
} from './sign-in.throttler';

/** A short digest of what was typed as an email, to tell repeated attempts apart without keeping it. */
const digest = (text: string) =>
  createHash('sha256').update(text.toLowerCase()).digest('hex').slice(0, 16);

const WRONG =
  'Enter a correct email address and password. After 5 wrong attempts in a row an account is locked for 15 minutes.';
/** What the person is told. Only a right password learns more than "wrong email or password". */
const REFUSALS: Record<SignInRefusal, string> = {
  unknown_account: WRONG,
  invalid: WRONG,
  locked: WRONG,
  password_expired:
    'This temporary password has expired. Ask an administrator to reset your password again.',
  demo_account:
    'Demo accounts cannot sign in to this service: it is a live service. Ask an administrator for an account.',
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});

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
      throw new UnsupportedMediaTypeException(
        'Send the sign-in as JSON (Content-Type: application/json).',
      );
    }
    return true;
  }
}

const viewOf = (s: ActiveSession): SessionView => ({
  user: s.actor as SessionView['user'],
  csrfToken: s.csrfToken,
  expiresAt: new Date(s.expiresAt).toISOString(),
  idleExpiresAt: new Date(s.idleExpiresAt).toISOString(),
  passwordChangeRequired: s.passwordChangeRequired,
});

@ApiTags('sign-in')
@Controller('auth')
export class AuthController {
  private readonly cookies: SessionCookies;

  constructor(
    private readonly sessions: SessionService,
    private readonly local: LocalSignInService,
    private readonly oidc: OidcService,
    private readonly passwords: PasswordService,
    private readonly securityLog: SecurityLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cookies = new SessionCookies(cookiesAreSecure(config));
  }

  @Public()
  @Get('options')
  @ApiOperation({ summary: 'How staff can sign in here' })
  @ApiOkResponse({
    description: 'Sign-in methods',
    schema: schemaRef('SignInOptions'),
  })
  options(): SignInOptions {
    return { password: true, singleSignOn: this.oidc.enabled };
  }

  @Public()
  @Post('sign-in')
  @HttpCode(HttpStatus.OK)
  @SignInRateLimit()
  @UseGuards(RequireJson)
  @ApiConsumes('application/json')
  @ApiOperation({
    summary:
      'Sign in with a local account (email and password, as JSON only); sets the session cookie',
  })
  @ApiUnsupportedMediaTypeResponse(
    problem(
      'Not sent as JSON (a form posted from another site cannot sign anyone in)',
    ),
  )
  @ApiOkResponse({ description: 'Signed in', schema: schemaRef('SessionView') })
  @ApiBadRequestResponse(problem('Invalid request: `errors` names each field'))
  @ApiUnauthorizedResponse(
    problem(
      'Wrong email or password, the account is locked after too many failures, a temporary password has expired, or a demo account in production',
    ),
  )
  @ApiTooManyRequestsResponse(problem('Too many attempts: wait a minute'))
  async signIn(
    @Body() body: SignInDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView> {
    const email = normaliseEmail(body.email);
    const result = await this.local.signIn(email, body.password);
    if (!result.ok) {
      await this.securityLog.record(request, {
        event: 'sign_in',
        outcome: 'failure',
        subjectUserId: result.userId ?? null,
        // An unknown account is recorded by a digest of what was typed: never the text itself.
        detail: {
          method: 'password',
          reason: result.reason,
          ...(result.userId ? {} : { emailDigest: digest(email) }),
        },
      });
      if (result.lockedNow) {
        await this.securityLog.record(request, {
          event: 'account_locked',
          outcome: 'success',
          subjectUserId: result.userId ?? null,
          detail: {
            failures: this.config.SIGN_IN_MAX_FAILURES,
            minutes: this.config.SIGN_IN_LOCK_MINUTES,
          },
        });
      }
      throw new UnauthorizedException(REFUSALS[result.reason]);
    }
    return (await this.startSession(
      result.userId,
      'password',
      request,
      response,
    )) as SessionView;
  }

  @Post('password')
  @AllowRoles(...ROLES)
  @OpenBeforePasswordChange()
  @HttpCode(HttpStatus.NO_CONTENT)
  @PasswordChangeRateLimit()
  @ApiOperation({
    summary:
      'Change my password: the current one and a new one. Ends my other sessions; this one goes on.',
    description:
      'The new password must be at least 12 characters long, not one of the most common passwords and not easy to guess (no other rules). ' +
      'A wrong current password counts towards the lock-out, as at sign-in.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiBadRequestResponse(
    problem(
      'The current password is wrong, or the new one is not acceptable: `errors` names the field',
    ),
  )
  @ApiUnauthorizedResponse(problem('Not signed in, or the session has ended'))
  @ApiConflictResponse(
    problem(
      'The account signs in through the identity provider only, or it is locked',
    ),
  )
  @ApiTooManyRequestsResponse(problem('Too many attempts: wait a minute'))
  async changePassword(
    @Body() body: ChangePasswordDto,
    @Req() request: SignedInRequest,
  ): Promise<void> {
    if (!request.session)
      throw new UnauthorizedException('Sign in to continue.');
    await this.passwords.change(
      request.session,
      body.currentPassword,
      body.newPassword,
      request,
    );
  }

  @Get('session')
  @AllowRoles(...ROLES)
  @OpenBeforePasswordChange()
  @ApiOperation({ summary: 'Who is signed in, and the CSRF token for changes' })
  @ApiOkResponse({
    description: 'The session',
    schema: schemaRef('SessionView'),
  })
  @ApiUnauthorizedResponse(problem('Not signed in, or the session has ended'))
  session(@Req() request: SignedInRequest): SessionView {
    return this.view(request);
  }

  @Post('sign-out')
  @AllowRoles(...ROLES)
  @OpenBeforePasswordChange()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: ends the session on the server at once' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async signOut(
    @Req() request: SignedInRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    if (request.session) {
      await this.sessions.end(request.session.id, 'signed out');
      await this.securityLog.record(request, {
        event: 'sign_out',
        outcome: 'success',
        actor: request.actor,
        subjectUserId: request.actor?.id,
      });
    }
    this.cookies.clearSession(response);
  }

  @Public()
  @Get('oidc/start')
  @SignInRateLimit()
  @ApiOperation({
    summary:
      "Sign in with the council's identity provider (OpenID Connect, code flow with PKCE): redirects there",
  })
  @ApiFoundResponse({ description: 'A redirect to the identity provider' })
  @ApiNotFoundResponse(problem('Single sign-on is not set up here'))
  @ApiTooManyRequestsResponse(problem('Too many attempts: wait a minute'))
  async oidcStart(@Res() response: Response): Promise<void> {
    const { url, state } = await this.oidc.start();
    this.cookies.setOidcState(response, state);
    response.redirect(302, url);
  }

  @Public()
  @Get('oidc/callback')
  @SignInRateLimit()
  @ApiOperation({
    summary:
      'Where the identity provider sends the browser back; sets the session cookie and redirects to the app',
  })
  @ApiFoundResponse({
    description:
      'A redirect to the app (signed in), or to the sign-in page (`/sign-in?failed=sso`)',
  })
  @ApiTooManyRequestsResponse(problem('Too many attempts: wait a minute'))
  async oidcCallback(
    @Req() request: SignedInRequest,
    @Res() response: Response,
  ): Promise<void> {
    const bound = readCookie(request, this.cookies.oidcState);
    this.cookies.clearOidcState(response);
    // The callback URL as the provider addressed it: the configured redirect URI plus this query.
    const url = new URL(request.originalUrl, 'http://placeholder');
    const callback = new URL(this.oidcRedirectUri());
    callback.search = url.search;
    try {
      const userId = await this.oidc.finish(callback, bound);
      const started = await this.startSession(
        userId,
        'oidc',
        request,
        response,
        { quiet: true },
      );
      if (!started)
        throw new SsoRefusedError('demo_account', REFUSALS.demo_account);
    } catch (error) {
      await this.securityLog.record(request, {
        event: 'sign_in',
        outcome: 'failure',
        detail: {
          method: 'oidc',
          reason: error instanceof SsoRefusedError ? error.reason : 'error',
          ...(error instanceof SsoRefusedError && error.subject
            ? { subject: error.subject }
            : {}),
        },
      });
      response.redirect(302, '/sign-in?failed=sso');
      return;
    }
    response.redirect(302, '/');
  }

  private oidcRedirectUri(): string {
    return (
      this.config.OIDC_REDIRECT_URI ?? 'http://localhost/api/auth/oidc/callback'
    );
  }

  /**
   * Starts a new session (a new token: ASVS 5.0 7.2.4) and ends the one this browser held before,
   * whoever's it was. Answers undefined, with nothing started, when the account may not sign in
   * here (a demo account in production, when `quiet`; otherwise 401).
   */
  private async startSession(
    userId: string,
    method: 'password' | 'oidc',
    request: Request,
    response: Response,
    { quiet = false } = {},
  ): Promise<SessionView | undefined> {
    const token = await this.sessions.start(userId, method);
    const session = token ? await this.sessions.resume(token) : undefined;
    if (!token || !session) {
      if (quiet) return undefined;
      throw new UnauthorizedException(REFUSALS.demo_account);
    }
    const previousUser = await this.sessions.endByCookie(
      readCookie(request, this.cookies.session),
      'signed in again',
    );
    this.cookies.setSession(response, token);
    await this.securityLog.record(request, {
      event: 'sign_in',
      outcome: 'success',
      actor: session.actor,
      subjectUserId: userId,
      detail: {
        method,
        ...(previousUser
          ? {
              previousSessionEnded:
                previousUser === userId ? 'same account' : 'another account',
            }
          : {}),
      },
    });
    return viewOf(session);
  }

  private view(request: SignedInRequest): SessionView {
    const s = request.session;
    if (!s) throw new UnauthorizedException('Sign in to continue.');
    return viewOf(s);
  }
}
