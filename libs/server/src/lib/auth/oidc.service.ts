import {
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import * as oidc from 'openid-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SessionRepository } from './session.repository';
import { StaffRepository } from './staff.repository';

/**
 * OpenID Connect sign-in: authorization code flow with PKCE (S256), state and nonce, through
 * openid-client. The sign-in in progress (verifier, nonce) waits in `oidc_login` for 10 minutes,
 * found by its state, which a Lax cookie also binds to the browser that started it.
 * A staff user is matched by the provider's subject, or on first sign-in by verified email (from
 * the ID token, or from the userinfo endpoint when the provider keeps it there).
 */
/** Why a single sign-on was refused, for the security log; the browser is only told it failed. */
export type SsoRefusal = 'state' | 'provider' | 'no_account' | 'demo_account';

export class SsoRefusedError extends UnauthorizedException {
  constructor(
    readonly reason: SsoRefusal,
    message: string,
    /** The provider's subject, when the provider vouched for one. */
    readonly subject?: string,
  ) {
    super(message);
  }
}

const EXPIRED = 'That sign-in link has expired. Sign in again.';
const INCOMPLETE = 'Single sign-on did not complete. Sign in again.';

@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly staff: StaffRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.OIDC_ISSUER);
  }

  private client(): Promise<oidc.Configuration> {
    const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ALLOW_HTTP } =
      this.config;
    if (!OIDC_ISSUER || !OIDC_CLIENT_ID)
      throw new NotFoundException('Single sign-on is not set up here.');
    this.configuration ??= oidc
      .discovery(
        new URL(OIDC_ISSUER),
        OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET,
        undefined,
        OIDC_ALLOW_HTTP === 'true'
          ? { execute: [oidc.allowInsecureRequests] }
          : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  /** Starts a sign-in: answers the provider URL to redirect to, and the state for the binding cookie. */
  async start(): Promise<{ url: string; state: string }> {
    const client = await this.client();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.sessions.startSingleSignOn(state, codeVerifier, nonce);
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: this.config.OIDC_REDIRECT_URI ?? '',
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /** Completes a sign-in from the callback URL: answers the staff user's id. */
  async finish(
    callbackUrl: URL,
    boundState: string | undefined,
  ): Promise<string> {
    const state = callbackUrl.searchParams.get('state');
    if (!state || !boundState || state !== boundState)
      throw new SsoRefusedError('state', EXPIRED);
    const login = await this.sessions.takeSingleSignOn(state);
    if (!login) throw new SsoRefusedError('state', EXPIRED);
    let claims: oidc.IDToken | undefined;
    let profile: Record<string, unknown> = {};
    try {
      const client = await this.client();
      const tokens = await oidc.authorizationCodeGrant(client, callbackUrl, {
        pkceCodeVerifier: login.code_verifier,
        expectedState: state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      profile = claims ?? {};
      if (claims?.sub && typeof claims['email'] !== 'string') {
        // Checked against the ID token's subject by openid-client.
        profile = await oidc.fetchUserInfo(
          client,
          tokens.access_token,
          claims.sub,
        );
      }
    } catch (error) {
      this.logger.warn(
        `OIDC sign-in failed: ${error instanceof Error ? error.name : 'error'}`,
      );
      throw new SsoRefusedError('provider', INCOMPLETE);
    }
    if (!claims?.sub) throw new SsoRefusedError('provider', INCOMPLETE);
    const email =
      typeof profile['email'] === 'string' && profile['email_verified'] === true
        ? profile['email']
        : null;
    const userId = await this.staff.linkSingleSignOn(claims.sub, email);
    if (!userId)
      throw new SsoRefusedError(
        'no_account',
        'You do not have an account on this service. Ask an administrator.',
        claims.sub,
      );
    return userId;
  }
}
