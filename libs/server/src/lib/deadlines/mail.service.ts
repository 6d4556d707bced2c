import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TimeoutError, within } from '../clock/within';

export interface Mail {
  /** Used to name the .eml file; unique per message. */
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Where replies go, when not to MAIL_FROM (a letter's email: the council's contact for the family). */
  replyTo?: string | { name: string; address: string };
  /** Files sent with it (a letter's PDF). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * Sends email through SMTP_URL, over a small pool of kept-open connections, or, when none is
 * configured, writes each message as an .eml file to MAIL_DIR so that someone running the app can
 * open it in a mail program. A server that does not answer fails a send: connecting, its greeting
 * and each step have MAIL_TIMEOUT_MS, and the whole send twice that (then the pool is replaced,
 * so a hung connection is not reused). An .eml file appears whole or not at all (written aside,
 * then renamed), never empty.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private transport: Transporter;
  private readonly dir: string | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (!config.SMTP_URL) this.dir = resolve(config.MAIL_DIR);
    this.transport = this.createTransport();
  }

  private createTransport(): Transporter {
    if (this.dir)
      return nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'unix',
      });
    const timeout = this.config.MAIL_TIMEOUT_MS;
    return nodemailer.createTransport({
      url: this.config.SMTP_URL,
      pool: true,
      maxConnections: 2,
      maxMessages: 500,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  async send(mail: Mail): Promise<void> {
    const sending = this.transport.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      ...(mail.attachments ? { attachments: mail.attachments } : {}),
    });
    const info = await within(
      sending,
      2 * this.config.MAIL_TIMEOUT_MS,
      'The mail server',
    ).catch((error: unknown) => {
      if (error instanceof TimeoutError) {
        // The pool may hold a connection that hangs: start afresh.
        this.transport.close();
        this.transport = this.createTransport();
      }
      throw error;
    });
    if (this.dir) {
      const message = info.message as Buffer | undefined;
      if (!message || message.length === 0)
        throw new Error(
          `The message to ${mail.to} came out empty: not written`,
        );
      await mkdir(this.dir, { recursive: true });
      const file = join(
        this.dir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`,
      );
      const partial = `${file}.partial`;
      try {
        await writeFile(partial, message);
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true }).catch(() => undefined);
        throw error;
      }
      this.logger.log(`Mail to ${mail.to} written to ${file}`);
    }
  }
}
