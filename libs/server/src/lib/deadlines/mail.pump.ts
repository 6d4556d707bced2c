import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MailService } from './mail.service';
import {
  type ClaimedEmail as Claimed,
  NotificationRepository,
} from './notification.repository';
import { WorkerHeartbeat } from './worker-heartbeat';

/** Emails claimed at once while sending works (one at a time after a failure, to probe the server). */
const BATCH = 20;
/** Sends at once (the SMTP pool's connections). */
const PARALLEL = 2;
/** How often the pump looks for emails to send when it found none. */
const POLL_MS = 1_000;
/** The longest wait between attempts of one email. */
const MAX_RETRY_MS = 30 * 60_000;

const errorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * Delivers the emails of notifications, from PostgreSQL (the notification's email delivery state,
 * migration 1795610003000), on its own timer so that a mail server that is down or hangs never holds
 * up the deadline tick. Each round claims due emails with a lease (`email_next_attempt_at` moved past
 * the longest a send can take, SKIP LOCKED: several workers share the work) and sends them; a sent
 * email is marked sent, a failed one waits MAIL_RETRY_MS, doubling each time up to 30 minutes, and
 * after a failure the rest of the round is put back. A worker that dies between sending and marking
 * leaves the lease to expire and the email is sent again: the one case in which an email can repeat.
 */
@Injectable()
export class MailPump implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MailPump.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopping = false;
  private failing = false;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly mail: MailService,
    private readonly heartbeat: WorkerHeartbeat,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.running = this.round().then(
        (sent) => this.schedule(sent === BATCH ? 0 : POLL_MS),
        (error: unknown) => {
          // The database, not the mail server (send failures are handled in the round).
          this.logger.warn(
            `Email delivery could not read its queue; retrying: ${errorText(error)}`,
          );
          this.schedule(POLL_MS * 5);
        },
      );
    }, delay);
  }

  /** One round: claim, send, mark. Returns how many were sent. */
  async round(): Promise<number> {
    const lease = 2 * this.config.MAIL_TIMEOUT_MS + 10_000;
    const claimed = await this.notifications.claimEmails(
      this.failing ? 1 : BATCH,
      lease,
    );
    if (claimed.length === 0) return 0;
    let sent = 0;
    let failedThisRound = false;
    const queue = [...claimed];
    const sender = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (failedThisRound || this.stopping) {
          // Put back, untried: not an attempt.
          await this.notifications.putBack(
            next.id,
            this.stopping ? 0 : this.config.MAIL_RETRY_MS,
          );
          continue;
        }
        if (await this.deliver(next)) sent++;
        else failedThisRound = true;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, sender));
    if (this.failing && !failedThisRound)
      this.logger.log('Emails are being sent again');
    if (!this.failing && failedThisRound)
      this.logger.warn(
        'An email could not be sent: emails wait and are retried (see /api/health)',
      );
    this.failing = failedThisRound;
    return sent;
  }

  /** Sends one email and records the outcome; true if sent. */
  private async deliver(m: Claimed): Promise<boolean> {
    if (!m.email) {
      await this.notifications.markNoAddress(m.id);
      return true;
    }
    try {
      await this.mail.send({
        id: m.id,
        to: m.email,
        subject: m.title,
        text: m.body,
      });
    } catch (error) {
      this.heartbeat.mailFailedWith(error);
      const wait = Math.min(
        MAX_RETRY_MS,
        this.config.MAIL_RETRY_MS * 2 ** Math.max(0, m.attempts - 1),
      );
      await this.notifications.markFailed(m.id, wait, errorText(error));
      return false;
    }
    await this.notifications.markEmailed(m.id);
    this.heartbeat.mailDelivered();
    return true;
  }
}
