import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '@leadpath/platform';

/** A message ready to leave. */
export interface OutgoingMail {
  /** Stable per delivery, so a receiver can recognise a resend. */
  messageId: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Links in the message, logged when it is written to a file instead of sent. */
  links: string[];
  attachments?: { filename: string; content: string; contentType: string }[];
}

/**
 * SMTP when `SMTP_URL` is set; otherwise each message is written as an `.eml` file into
 * `LEADPATH_DATA_DIR/mail/` and its subject and links are logged, so a demo needs no mail server.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transporter: Transporter;
  private readonly folder: string | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.mail.smtpUrl) {
      this.transporter = createTransport(config.mail.smtpUrl);
    } else {
      this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.folder = join(config.dataDir, 'mail');
    }
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transporter.sendMail({
      from: this.config.mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments?.map((a) => ({
        filename: a.filename,
        content: a.content,
        contentType: a.contentType,
      })),
    })) as { message?: Buffer };
    if (this.folder) {
      mkdirSync(this.folder, { recursive: true });
      const file = join(
        this.folder,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^\w.-]/g, '')}.eml`,
      );
      writeFileSync(file, info.message ?? '');
      this.logger.log(
        { to: mail.to.address, subject: mail.subject, links: mail.links, file },
        'mail written to a file',
      );
    }
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
