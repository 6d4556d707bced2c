import { isIP } from 'node:net';
import { EXAMPLE_SENDER, type LetterSender } from '@send/domain';
import { z } from 'zod';

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or subnet (CIDR) Express can trust as a proxy. */
function isProxyAddress(item: string): boolean {
  if (PROXY_NAMES.has(item)) return true;
  const [address, prefix, ...rest] = item.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return (
    /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
  );
}

/**
 * TRUST_PROXY → Express's `trust proxy`: `false` (the default: the address is the TCP peer's), a
 * number of proxies in front of the API (1–10: the address is that many hops back in
 * X-Forwarded-For), or the proxies' addresses and subnets (`loopback`, `linklocal`, `uniquelocal`,
 * IPs, CIDRs, comma-separated). `true` (trust any X-Forwarded-For a client sends) is refused.
 */
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .superRefine((value, ctx) => {
    if (value === 'false' || /^(10|[1-9])$/.test(value)) return;
    if (value === 'true') {
      ctx.addIssue({
        code: 'custom',
        message:
          'true would believe any X-Forwarded-For a client sends: give the number of proxies in front of the API (1-10) or their addresses',
      });
      return;
    }
    const bad = value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => !isProxyAddress(v));
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `false, a number of proxies (1-10), or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDR subnets (not: ${bad.join(', ')})`,
      });
    }
  });

/** A name or address a letter gives: one line, not blank. */
const letterText = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what}, not blank`)
    .max(300, `${what}, at most 300 characters`)
    .regex(/^[^\p{Cc}]*$/u, `${what}, on one line`)
    .optional();

/**
 * A UK telephone number as people write it: 0 or +44 (or 0044), then 9 or 10 digits, with spaces,
 * hyphens, dots, brackets and a "(0)" after +44 allowed (0300 123 4567, +44 (0)20 7946 0000).
 */
export function isUkPhoneNumber(value: string): boolean {
  const digits = value.replace(/\(0\)/g, '').replace(/[\s().-]/g, '');
  return /^(?:\+44|0044|0)\d{9,10}$/.test(digits);
}

const ukPhone = z
  .string()
  .trim()
  .refine(
    isUkPhoneNumber,
    'a UK telephone number, e.g. 0300 123 4567 or +44 300 123 4567',
  )
  .optional();

const contactEmail = z
  .string()
  .trim()
  .pipe(z.email('an email address, e.g. send.mediation@council.gov.uk'))
  .optional();

/** The letters' sender: each contact's three variables, by prefix, and what the contact is. */
const SENDER_CONTACTS = {
  MEDIATION_ADVISER: {
    field: 'mediationAdviser',
    what: 'the independent mediation adviser, whom the family contacts before appealing (CFA 2014 s.53, SEND Regs 2014 reg 32(c))',
  },
  COUNCIL_MEDIATION_CONTACT: {
    field: 'councilMediationContact',
    what: 'the council’s contact, whom the family tells that it wants mediation (SEND Regs 2014 reg 32(f))',
  },
  SENDIASS: {
    field: 'informationAdviceSupport',
    what: 'the SEND information, advice and support service (CFA 2014 s.32)',
  },
  DISAGREEMENT_RESOLUTION: {
    field: 'disagreementResolution',
    what: 'the disagreement resolution service (CFA 2014 s.57, SEND Regs 2014 reg 53)',
  },
} as const satisfies Record<
  string,
  {
    field: Exclude<
      keyof LetterSender,
      'councilName' | 'councilAddress' | 'caseworkerEmail'
    >;
    what: string;
  }
>;
type SenderContact = keyof typeof SENDER_CONTACTS;

const contactVariables = <P extends SenderContact>(prefix: P) =>
  ({
    [`${prefix}_NAME`]: letterText(
      `the name of ${SENDER_CONTACTS[prefix].what}`,
    ),
    [`${prefix}_PHONE`]: ukPhone,
    [`${prefix}_EMAIL`]: contactEmail,
  }) as Record<`${P}_NAME` | `${P}_PHONE` | `${P}_EMAIL`, typeof ukPhone>;

/**
 * The only reader of `process.env`. Each variable is documented in the README; the app refuses to
 * start on a bad value with a message naming the variable.
 */
const schema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development'),
  /** PostgreSQL connection URL of the API and the worker. */
  DATABASE_URL: z
    .url()
    .default('postgres://postgres@127.0.0.1:5432/send_disagreements'),
  /**
   * PostgreSQL as the schema's owner, for the migrate command only (defaults to DATABASE_URL). When
   * its user is not DATABASE_URL's, migrate also grants DATABASE_URL's user what the apps need,
   * and no UPDATE, DELETE or TRUNCATE on the append-only tables.
   */
  MIGRATION_DATABASE_URL: z.url().optional(),
  /**
   * A PostgreSQL replica of DATABASE_URL for the heavy reads (reports, the appeals register,
   * history exports); unset: they read the primary.
   */
  READ_DATABASE_URL: z.url().optional(),
  /** Redis connection URL; the db index in the path is honoured. */
  REDIS_URL: z.url().default('redis://127.0.0.1:6379/0'),
  /** Key prefix for every BullMQ key, so several systems (or test runs) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9:_-]+$/)
    .default('send'),
  /** Interface and port the API listens on. */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Folder of the built web app that the API serves at `/`; empty to serve none. */
  WEB_DIST: z.string().default('dist/apps/web/browser'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  /**
   * How often the worker's tick claims the deadline actions and scheduled runs that are due (from
   * PostgreSQL) and checks that Redis still holds the jobs of those in flight, in milliseconds.
   */
  TICK_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** The most deadline actions claimed and not yet done at once, across workers: bounds Redis' memory and the tick's checks. */
  DEADLINE_MAX_IN_FLIGHT: z.coerce
    .number()
    .int()
    .min(10)
    .max(100_000)
    .default(2000),
  /**
   * A fixed "now" (ISO 8601 instant) for demonstrations and tests of the statutory clock.
   * Refused in production.
   */
  CLOCK_NOW: z.iso.datetime({ offset: true }).optional(),
  /**
   * When staff are reminded of a deadline: working days before the due date (0 = on the day).
   * `overdue` (earlier releases' daily overdue reminder) is accepted and ignored: overdue deadlines
   * come in the daily digest.
   */
  REMINDER_POINTS: z
    .string()
    .regex(
      /^\s*(\d{1,2}|overdue)(\s*,\s*(\d{1,2}|overdue))*\s*$/,
      'a comma-separated list of working days before the due date (0 = on the day)',
    )
    .default('10,5,1,0'),
  /** Local time (Europe/London, HH:MM) at which reminders and the daily digest are sent on working days. */
  REMINDER_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour')
    .default('08:00'),
  /** SMTP server for reminder emails (smtp://user:pass@host:port); unset: emails are written as .eml files to MAIL_DIR. */
  SMTP_URL: z.url().optional(),
  /** Folder for .eml files when SMTP_URL is unset. */
  MAIL_DIR: z.string().min(1).default('.data/mail'),
  /** Sender of reminder emails. */
  MAIL_FROM: z
    .string()
    .min(3)
    .default('SEND deadlines <send-deadlines@council.example>'),
  /**
   * Where a family's reply to the email that sends a letter goes (Reply-To; the email comes from
   * MAIL_FROM, the reminders' sender). Unset: the council's mediation contact (COUNCIL_MEDIATION_CONTACT_*).
   */
  LETTERS_REPLY_TO: z
    .string()
    .trim()
    .pipe(z.email('an email address, e.g. send.casework@council.gov.uk'))
    .optional(),
  /** The address staff use to reach the app: links in emails and calendar feed URLs. */
  PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** After a failed send, an email waits this long (ms) before it is tried again, doubling each time up to 30 minutes. */
  MAIL_RETRY_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(60_000),
  /** How long (ms) the SMTP server has to connect, greet and answer each step; a send is abandoned after twice this. */
  MAIL_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(30_000),
  /**
   * Seconds after which the health check counts a part as failed: no worker heartbeat, no tick
   * completed, a deadline action claimed and not done, emails unsent while none has been sent.
   */
  HEALTH_STALE_SECONDS: z.coerce.number().int().min(1).max(3600).default(90),
  /**
   * A bearer token (at least 32 characters) with which a monitoring system reads the health check's
   * details (`Authorization: Bearer …`); signed-in administrators see them too. Anyone else gets the status only.
   */
  HEALTH_TOKEN: z.string().min(32).optional(),
  /** Deadline jobs the worker runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * On SIGTERM, how long the worker waits for running jobs, and the API for requests in flight,
   * before it stops anyway, in milliseconds.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(10_000),
  /**
   * How long the API keeps an idle keep-alive connection open, in milliseconds. Longer than the
   * idle timeouts of clients and load balancers in front of it (60 s on AWS ALB, nginx and most
   * others), so that it is always the client that closes an idle connection: a server that closes
   * first races the client reusing it, which then fails ("other side closed"). Headers must arrive
   * within this plus one second.
   */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(120_000)
    .default(65_000),
  /** Minutes without a request after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(120).default(30),
  /** Hours after sign-in at which a session ends, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(10),
  /**
   * Session cookies carry `Secure` (and the `__Host-` prefix). Defaults to true in production;
   * false elsewhere so that http://localhost works. Refused as false in production.
   */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** Failed password sign-ins in a row after which an account is locked. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** How long a locked account stays locked, in minutes. */
  SIGN_IN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Sign-in attempts allowed per minute for one address and account (the email as typed, without case or spaces). */
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(10),
  /**
   * Sign-in attempts allowed per minute from one address, whatever the email (one address trying
   * many accounts). An office behind one address signs in through this too: keep it well above
   * the number of staff who start work at the same minute.
   */
  RATE_LIMIT_SIGN_IN_PER_ADDRESS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(60),
  /**
   * Hours for which a password an administrator set (a new account's first password, or a reset's
   * temporary password) works; it only ever lets its owner set a password of their own.
   */
  TEMPORARY_PASSWORD_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  /** Searches and exports allowed per minute for one member of staff. */
  RATE_LIMIT_READS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(60),
  /** OpenID Connect issuer URL; unset turns OIDC sign-in off. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** A secret: set it in the environment, never in a file in the repository. */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the provider sends the browser back, e.g. https://send.example.council/api/auth/oidc/callback. */
  OIDC_REDIRECT_URI: z.url().optional(),
  /** Allow an http:// issuer (a test provider on loopback). Refused in production. */
  OIDC_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
  /**
   * Which proxies in front of the API may say where a request came from (X-Forwarded-For): the
   * address the access and security logs record, and the rate limits count by. See trustProxy.
   */
  TRUST_PROXY: trustProxy,
  /**
   * Folder where the worker writes auditors' background exports and the API reads them back for
   * download (both must see the same folder). Created if missing.
   */
  EXPORT_DIR: z.string().min(1).default('.data/exports'),
  /** Hours after which an export's file is deleted and its download answers 410. */
  EXPORT_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /**
   * At most this many history events a second read by one export (0 = no limit), so that a large
   * export does not crowd out the case work on a shared database.
   */
  EXPORT_ROWS_PER_SECOND: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(0),
  /**
   * The council's malware scanner, which checks every uploaded document before it is stored:
   * `clamd://host:3310` (ClamAV's daemon, INSTREAM over TCP). Unset: no scan (the default).
   */
  MALWARE_SCANNER_URL: z
    .url()
    .refine(
      (u) => /^clamd:\/\/[^/:]+:\d+\/?$/.test(u),
      "clamd://host:port (ClamAV's clamd over TCP)",
    )
    .optional(),
  /** How long a scan may take before the upload is refused (the scanner is treated as unavailable), in milliseconds. */
  MALWARE_SCANNER_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(30_000),
  /** The password the demo data gives its staff (the seed command only). Refused in production. */
  DEMO_PASSWORD: z.string().min(12).optional(),
  /**
   * The letters' sender (see letterSenderOf): the council's name and postal address as its letters
   * give them, and the name, UK telephone number and email address of each contact the law
   * requires a decision notice to give the family. Required by the API in production; elsewhere
   * each defaults to the example council's (`EXAMPLE_SENDER` of @send/domain).
   */
  COUNCIL_NAME: letterText('the council’s name as its letters give it'),
  COUNCIL_ADDRESS: letterText(
    'the council’s postal address on one line, e.g. Town Hall, High Street, Exampletown EX1 1AA',
  ),
  ...contactVariables('MEDIATION_ADVISER'),
  ...contactVariables('COUNCIL_MEDIATION_CONTACT'),
  ...contactVariables('SENDIASS'),
  ...contactVariables('DISAGREEMENT_RESOLUTION'),
});

export type AppConfig = Readonly<z.infer<typeof schema>>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(defined);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  if (result.data.NODE_ENV === 'production' && result.data.CLOCK_NOW) {
    throw new ConfigError(
      'Invalid configuration: CLOCK_NOW: a fixed clock is not allowed in production',
    );
  }
  const data = result.data;
  if (data.NODE_ENV === 'production' && data.COOKIE_SECURE === 'false') {
    throw new ConfigError(
      'Invalid configuration: COOKIE_SECURE: session cookies must be Secure in production',
    );
  }
  if (data.NODE_ENV === 'production' && data.OIDC_ALLOW_HTTP === 'true') {
    throw new ConfigError(
      'Invalid configuration: OIDC_ALLOW_HTTP: an http:// identity provider is not allowed in production',
    );
  }
  if (data.NODE_ENV === 'production' && data.DEMO_PASSWORD) {
    throw new ConfigError(
      'Invalid configuration: DEMO_PASSWORD: demo accounts are not allowed in production',
    );
  }
  if (data.OIDC_ISSUER) {
    for (const name of [
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_REDIRECT_URI',
    ] as const) {
      if (!data[name])
        throw new ConfigError(
          `Invalid configuration: ${name}: required when OIDC_ISSUER is set`,
        );
    }
  }
  return Object.freeze(data);
}

/** The variables of the letters' sender, each with what it is (for the message that asks for them). */
const SENDER_VARIABLES: readonly (readonly [keyof AppConfig, string])[] = [
  ['COUNCIL_NAME', 'the council’s name'],
  ['COUNCIL_ADDRESS', 'its postal address, on one line'],
  ...Object.entries(SENDER_CONTACTS).flatMap(
    ([prefix, { what }]) =>
      [
        [`${prefix}_NAME` as keyof AppConfig, `the name of ${what}`],
        [`${prefix}_PHONE` as keyof AppConfig, 'its telephone number'],
        [`${prefix}_EMAIL` as keyof AppConfig, 'its email address'],
      ] as const,
  ),
];

/**
 * Who the council's letters come from and whom they tell the family to contact: the council's
 * settings (COUNCIL_*, MEDIATION_ADVISER_*, COUNCIL_MEDIATION_CONTACT_*, SENDIASS_*,
 * DISAGREEMENT_RESOLUTION_*). Outside production, what is unset is the example council's
 * (`EXAMPLE_SENDER`), so the demo and the tests need none of them; in production every one is
 * required, and their absence is a ConfigError naming each one missing. The API's LETTER_SENDER
 * provider calls this as it starts, so the API refuses to start without them; the worker and the
 * commands (migrate, seed, import), which make no letters, do not ask for them.
 */
export function letterSenderOf(config: AppConfig): LetterSender {
  if (config.NODE_ENV === 'production') {
    const missing = SENDER_VARIABLES.filter(([name]) => !config[name]);
    if (missing.length > 0)
      throw new ConfigError(
        `Invalid configuration: in production, letters must give the council’s own details and the contacts the law requires a decision notice to give the family (see README, "Letters"). Set ${missing
          .map(([name, what]) => `${name} — ${what}`)
          .join(
            '; ',
          )}. Outside production these default to an example council’s.`,
      );
  }
  const contact = (prefix: SenderContact) => {
    const example = EXAMPLE_SENDER[SENDER_CONTACTS[prefix].field];
    return {
      name: config[`${prefix}_NAME`] ?? example.name,
      phone: config[`${prefix}_PHONE`] ?? example.phone,
      email: config[`${prefix}_EMAIL`] ?? example.email,
    };
  };
  return {
    councilName: config.COUNCIL_NAME ?? EXAMPLE_SENDER.councilName,
    councilAddress: config.COUNCIL_ADDRESS ?? EXAMPLE_SENDER.councilAddress,
    mediationAdviser: contact('MEDIATION_ADVISER'),
    councilMediationContact: contact('COUNCIL_MEDIATION_CONTACT'),
    informationAdviceSupport: contact('SENDIASS'),
    disagreementResolution: contact('DISAGREEMENT_RESOLUTION'),
  };
}

/**
 * Whom a family's reply to the email that sends a letter reaches (its Reply-To): LETTERS_REPLY_TO,
 * or else the council's mediation contact as the letters name it (`letterSenderOf`), never the
 * reminders' sender MAIL_FROM.
 */
export function letterReplyToOf(
  config: AppConfig,
  sender: LetterSender = letterSenderOf(config),
): string | { name: string; address: string } {
  return (
    config.LETTERS_REPLY_TO ?? {
      name: sender.councilMediationContact.name,
      address: sender.councilMediationContact.email,
    }
  );
}

/** The value for Express's `trust proxy` setting. */
export function trustProxySetting(
  config: AppConfig,
): false | number | string[] {
  const value = config.TRUST_PROXY;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim());
}

/** Whether session cookies are Secure under this configuration. */
export const cookiesAreSecure = (config: AppConfig) =>
  config.COOKIE_SECURE
    ? config.COOKIE_SECURE === 'true'
    : config.NODE_ENV === 'production';

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
