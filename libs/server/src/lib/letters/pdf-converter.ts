import {
  Injectable,
  Logger,
  type OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** How long one conversion may take before it is abandoned (LibreOffice's first start is the slow one). */
export const PDF_TIMEOUT_MS = 90_000;

export const NO_PDF_MESSAGE =
  'Letters cannot be made as PDF on this server: LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui). Tell the service desk.';

/**
 * DOCX → PDF with LibreOffice headless (Debian's `soffice`), the converter the project's scripts
 * install (scripts/system.mjs, `ensureLetterTools`). One conversion at a time in this process (a
 * LibreOffice profile is used by one instance at a time), with a profile directory of this
 * process's own under the system's temporary folder, removed on shutdown, and a timeout.
 */
@Injectable()
export class PdfConverter implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfConverter.name);
  private readonly profile = join(
    tmpdir(),
    `send-letters-lo-${process.pid}-${randomUUID().slice(0, 8)}`,
  );
  private queue: Promise<unknown> = Promise.resolve();
  readonly available =
    spawnSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' })
      .status === 0;

  constructor() {
    if (!this.available) this.logger.warn(NO_PDF_MESSAGE);
  }

  /** Throws 503 when there is no converter, before anything is written. */
  assertAvailable(): void {
    if (!this.available) throw new ServiceUnavailableException(NO_PDF_MESSAGE);
  }

  toPdf(docx: Buffer): Promise<Buffer> {
    this.assertAvailable();
    const run = this.queue.then(() => this.convert(docx));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async convert(docx: Buffer): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), 'send-letter-'));
    try {
      const input = join(dir, 'letter.docx');
      await writeFile(input, docx);
      await new Promise<void>((resolve, reject) =>
        execFile(
          'soffice',
          [
            `-env:UserInstallation=${pathToFileURL(this.profile).href}`,
            '--headless',
            '--norestore',
            '--nolockcheck',
            '--convert-to',
            'pdf:writer_pdf_Export',
            '--outdir',
            dir,
            input,
          ],
          { timeout: PDF_TIMEOUT_MS, killSignal: 'SIGKILL' },
          (error, _stdout, stderr) => {
            if (error) {
              this.logger.error(
                `LibreOffice failed: ${error.message} ${stderr}`.trim(),
              );
              reject(
                new ServiceUnavailableException(
                  'The letter could not be made as PDF just now, so nothing was saved. Try again in a minute; if it keeps happening, tell the service desk.',
                ),
              );
            } else resolve();
          },
        ),
      );
      return await readFile(join(dir, 'letter.pdf'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  onApplicationShutdown(): void {
    rmSync(this.profile, { recursive: true, force: true });
  }
}
