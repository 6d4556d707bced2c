import { InjectQueue } from '@nestjs/bullmq';
import {
  BadRequestException,
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { ExportFormat, ExportJobView } from '@send/contracts';
import type { Queue } from 'bullmq';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../identity/actor';
import { AccessLogService } from '../audit/access-log.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { within } from '../clock/within';
import { REDIS_CALL_TIMEOUT_MS } from '../queue/producer';
import { EXPORT_QUEUE } from '../queue/queues';
import {
  CONTENT_TYPES,
  type ExportJobRow,
  exportFilePath,
  toExportView,
} from './export-job';
import { historyExportJob } from './export-housekeeping';
import type { StartExportDto } from './export.dto';
import { ExportJobRepository } from './export-job.repository';

const fieldError = (field: string, message: string) =>
  new BadRequestException({ message, errors: [{ field, message }] });

/** The API's side of auditors' exports: ask for one, follow it, download the file. */
@Injectable()
export class ExportService {
  constructor(
    private readonly jobs: ExportJobRepository,
    @InjectQueue(EXPORT_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accessLog: AccessLogService,
  ) {}

  /** Records the export in PostgreSQL, then queues its job (after commit); a lost job is queued again by the housekeeping. */
  async start(actor: Actor, body: StartExportDto): Promise<ExportJobView> {
    let caseId: string | null = null;
    let caseReference: string | null = null;
    if (body.scope === 'case') {
      if (body.from !== undefined || body.to !== undefined)
        throw fieldError(
          'from',
          'from and to are for an export of a period, not of one case',
        );
      if (!body.caseReference)
        throw fieldError(
          'caseReference',
          'Enter the reference of the case to export',
        );
      const found = await this.jobs.caseByReference(body.caseReference);
      if (!found)
        throw fieldError(
          'caseReference',
          `There is no case with the reference ${body.caseReference}`,
        );
      caseId = found.id;
      caseReference = found.reference;
    } else {
      if (body.caseReference !== undefined)
        throw fieldError(
          'caseReference',
          'caseReference is for an export of one case, not of a period',
        );
      if (!body.from)
        throw fieldError('from', 'Enter the first day of the period');
      if (!body.to) throw fieldError('to', 'Enter the last day of the period');
      if (body.from > body.to)
        throw fieldError(
          'to',
          'The last day of the period must be the same as or after the first day',
        );
    }
    const id = randomUUID();
    await this.jobs.insert({
      id,
      requestedBy: actor.id,
      requestedByName: actor.name,
      scope: body.scope,
      format: body.format,
      caseId,
      caseReference,
      fromDate: body.scope === 'period' ? (body.from ?? null) : null,
      toDate: body.scope === 'period' ? (body.to ?? null) : null,
    });
    try {
      const job = historyExportJob(id);
      // The queue's connection is BullMQ's patient one (the worker's): while Redis is away it would
      // hold the command until Redis returns, and the request with it. A job added after all is
      // harmless: the runner does nothing for an export marked failed.
      await within(
        this.queue.add(job.name, job.data, job.opts),
        REDIS_CALL_TIMEOUT_MS,
        'Redis (export queue)',
      );
    } catch {
      await this.jobs.markNotQueued(id);
      throw new ServiceUnavailableException(
        'The export could not be started because the job queue is not answering. Try again in a few minutes.',
      );
    }
    return this.get(actor, id);
  }

  /** One of the caller's exports: another auditor's answers 404, as an export that does not exist. */
  async get(actor: Actor, id: string): Promise<ExportJobView> {
    return toExportView(await this.row(actor, id));
  }

  /** The caller's 20 most recent exports, newest first. */
  async list(actor: Actor): Promise<ExportJobView[]> {
    const rows = await this.jobs.recentFor(actor.id);
    return rows.map(toExportView);
  }

  /**
   * The finished file, for the auditor who asked for it only, until it expires; each download is
   * written to the access log with what the file holds.
   */
  async file(
    actor: Actor,
    id: string,
    from: {
      ip: string | null;
      requestId: string | null;
      reason?: string | null;
    },
  ): Promise<{ stream: Readable; type: string; name: string }> {
    const row = await this.row(actor, id);
    if (row.status === 'expired' || row.expired)
      throw new GoneException(
        'This export has expired and its file was deleted. Start the export again.',
      );
    if (row.status === 'failed')
      throw new ConflictException(
        row.error ?? 'The export failed. Start it again.',
      );
    if (row.status !== 'done' || !row.file_name) {
      const view = toExportView(row);
      throw new ConflictException(
        `The export is not ready yet (${view.percent}% done). Wait for it to finish, then download it.`,
      );
    }
    const { file } = exportFilePath(this.config.EXPORT_DIR, row.id, row.format);
    try {
      await access(file);
    } catch {
      throw new GoneException(
        'The file of this export is no longer there. Start the export again.',
      );
    }
    await this.accessLog.record({
      actor,
      action: 'history.export.download',
      purpose: 'history export',
      reason: from.reason ?? null,
      outcome: 'allowed',
      status: 200,
      caseId: row.case_id,
      detail: {
        exportId: row.id,
        scope: row.scope,
        format: row.format,
        ...(row.case_reference ? { caseReference: row.case_reference } : {}),
        ...(row.from_date ? { from: row.from_date, to: row.to_date } : {}),
        events: row.events_written,
        cases: row.cases,
        sha256: row.sha256,
      },
      ip: from.ip,
      requestId: from.requestId,
    });
    return {
      stream: createReadStream(file),
      type: CONTENT_TYPES[row.format as ExportFormat],
      name: row.file_name,
    };
  }

  private async row(actor: Actor, id: string): Promise<ExportJobRow> {
    const row = await this.jobs.getFor(id, actor.id);
    if (!row) throw new NotFoundException(`You have no export with id ${id}.`);
    return row;
  }
}
