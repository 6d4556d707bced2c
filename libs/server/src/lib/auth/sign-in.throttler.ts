import { applyDecorators, Injectable, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';

/**
 * Rate limits keyed by who is asking: sign-in by address and account (so one person mistyping
 * cannot lock out a whole office behind one address), searches and exports by signed-in user.
 * The email is hashed: the throttler's store never holds it.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const actorId = req['actor']?.id as string | undefined;
    if (actorId) return `user:${actorId}`;
    const email = typeof req['body']?.email === 'string' ? (req['body'].email as string).toLowerCase() : '';
    return `ip:${req['ip']}:${createHash('sha256').update(email).digest('hex').slice(0, 16)}`;
  }
}

/** Sign-in: RATE_LIMIT_SIGN_IN_PER_MINUTE per address and account. */
export const SignInRateLimit = () => applyDecorators(UseGuards(CallerThrottlerGuard), SkipThrottle({ reads: true }));

/** Searches and exports: RATE_LIMIT_READS_PER_MINUTE per member of staff. */
export const ReadRateLimit = () => applyDecorators(UseGuards(CallerThrottlerGuard), SkipThrottle({ signIn: true }));
