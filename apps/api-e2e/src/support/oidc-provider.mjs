// A real OpenID Connect provider (the `oidc-provider` package) on loopback, for the sign-in tests:
// one confidential client whose redirect URI is the API's callback, and a few accounts. Its
// development interactions (a login form taking any account id, then a consent form) stand in for
// the council's sign-in pages; everything else (discovery, PKCE, codes, tokens, ID token
// signatures) is the provider's own.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

/**
 * The provider's accounts, by the id typed into its login form: what it asserts about each.
 * - `sso-staff`: the email of a staff user seeded for single sign-on, verified;
 * - `unverified`: the email of another seeded staff user, but not verified by the provider;
 * - `stranger`: a verified email no staff user has.
 */
export const OIDC_ACCOUNTS = {
  'sso-staff': {
    email: 'sso.person@test.council',
    email_verified: true,
    name: 'Sso Person',
  },
  unverified: {
    email: 'sso.unverified@test.council',
    email_verified: false,
    name: 'Unverified Person',
  },
  stranger: {
    email: 'stranger@elsewhere.example',
    email_verified: true,
    name: 'A Stranger',
  },
};

/** Starts the provider on 127.0.0.1:`port`; answers its issuer, the client's credentials and a stop function. */
export async function startOidcProvider({ port, redirectUri }) {
  const issuer = `http://127.0.0.1:${port}`;
  const client = {
    clientId: 'send-e2e',
    clientSecret: randomBytes(32).toString('base64url'),
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    scopes: ['openid', 'email', 'profile'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // As the specification has it for the code flow: email and name from the userinfo endpoint,
    // not in the ID token (the API fetches them there when the ID token has no email).
    conformIdTokenClaims: true,
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // Signing keys of this run only.
    jwks: {
      keys: [
        {
          ...generateKeyPairSync('rsa', {
            modulusLength: 2048,
          }).privateKey.export({ format: 'jwk' }),
          kid: 'e2e',
          use: 'sig',
          alg: 'RS256',
        },
      ],
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = OIDC_ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
  });
  // It warns once of its in-memory store and development interactions: both as intended here.
  const server = await new Promise((resolve, reject) => {
    const s = provider.listen(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  return {
    issuer,
    ...client,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
}
