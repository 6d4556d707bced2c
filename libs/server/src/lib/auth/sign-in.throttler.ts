import { applyDecorators, Injectable, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';

/** An email as accounts are found and sign-ins counted: without surrounding spaces, in lower case. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Every sign-in attempt from one address, whatever the email (`signInAddress`). */
export const addressTracker = (req: Record<string, any>): Promise<string> =>
  Promise.resolve(`address:${req['ip']}`);

/**
 * Rate limits keyed by who is asking: sign-in by address and account (so one person mistyping
 * cannot lock out a whole office behind one address: the email counts as accounts are found,
 * without case or surrounding spaces), and every attempt from one address across emails (one
 * address trying many accounts); searches, exports and password changes by signed-in user.
 * The email is hashed: the throttler's store never holds it.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(
    req: Record<string, any>,
  ): Promise<string> {
    const actorId = req['actor']?.id as string | undefined;
    if (actorId) return `user:${actorId}`;
    const email =
      typeof req['body']?.email === 'string'
        ? normaliseEmail(req['body'].email as string)
        : '';
    return `ip:${req['ip']}:${createHash('sha256').update(email).digest('hex').slice(0, 16)}`;
  }
}

/**
 * Sign-in: RATE_LIMIT_SIGN_IN_PER_MINUTE per address and account, and
 * RATE_LIMIT_SIGN_IN_PER_ADDRESS_PER_MINUTE per address.
 */
export const SignInRateLimit = () =>
  applyDecorators(
    UseGuards(CallerThrottlerGuard),
    SkipThrottle({ reads: true }),
  );

/** A signed-in member of staff changing their password: RATE_LIMIT_SIGN_IN_PER_MINUTE. */
export const PasswordChangeRateLimit = () =>
  applyDecorators(
    UseGuards(CallerThrottlerGuard),
    SkipThrottle({ reads: true, signInAddress: true }),
  );

/** Searches and exports: RATE_LIMIT_READS_PER_MINUTE per member of staff. */
export const ReadRateLimit = () =>
  applyDecorators(
    UseGuards(CallerThrottlerGuard),
    SkipThrottle({ signIn: true, signInAddress: true }),
  );
