import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export interface Mail {
  /** Used to name the .eml file; unique per message. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends email through SMTP_URL, over a small pool of kept-open connections (one SMTP session
 * carries many messages, and a server that stops answering fails a send within half a minute,
 * not ten), or, when none is configured, writes each message as an .eml file to MAIL_DIR so that
 * someone running the app can open it in a mail program.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;
  private readonly dir: string | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.SMTP_URL) {
      this.transport = nodemailer.createTransport({
        url: config.SMTP_URL,
        pool: true,
        maxConnections: 2,
        maxMessages: 500,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    } else {
      this.dir = resolve(config.MAIL_DIR);
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  async send(mail: Mail): Promise<void> {
    const info = await this.transport.sendMail({ from: this.config.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    if (this.dir) {
      await mkdir(this.dir, { recursive: true });
      const file = join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`);
      await writeFile(file, info.message as Buffer);
      this.logger.log(`Mail to ${mail.to} written to ${file}`);
    }
  }
}
