import {
  BadRequestException,
  ConflictException,
  GoneException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { HistoryExportEvent } from '@send/contracts';
import { Queue } from 'bullmq';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  config,
  connect,
  fixedClock,
  insertActor,
  recordCase,
  unique,
} from '../../testing/int-database';
import { AccessLogService } from '../audit/access-log.service';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AppConfig } from '../config/app-config';
import { verifyHistory } from '../history/verify-chain';
import type { Actor } from '../identity/actor';
import { EXPORT_QUEUE } from '../queue/queues';
import { BULLMQ_REDIS_OPTIONS, bullmqConnection } from '../queue/redis';
import { exportFilePath } from './export-job';
import { ExportJobRepository } from './export-job.repository';
import type { StartExportDto } from './export.dto';
import { ExportService } from './export.service';
import { HistoryExportRepository } from './history-export.repository';
import { HistoryExportRunner } from './history-export.runner';

/*
 * Auditors' exports of the history against PostgreSQL and the machine's Redis (BullMQ, under a
 * prefix of this run's own, so that no worker takes the jobs): an export asked for is recorded in
 * `export_job` and its job queued; a request that is refused (a period without its dates, a case
 * that does not exist, …) records and queues nothing. The file, made by the worker's real runner,
 * is for the auditor who asked for it only, and each download is written to the access log with
 * what it holds (the council's record of who saw a child's information, UK GDPR Art. 5(2)
 * accountability); once expired or deleted, it is gone (410).
 */

const clock = fixedClock('2026-03-02T10:00:00Z');

describe('auditors’ history exports against PostgreSQL and Redis (ExportService)', () => {
  let db: DataSource;
  let settings: AppConfig;
  let queue: Queue;
  let jobs: ExportJobRepository;
  let exports: ExportService;
  let auditor: Actor;
  let otherAuditor: Actor;
  let reference: string;
  let exportDir: string;

  const from = { ip: '192.0.2.7', requestId: 'req-export' };

  /** How many exports `actor` has asked for, and how many jobs wait in the queue. */
  const recorded = async (actor: Actor) => ({
    rows: (await jobs.recentFor(actor.id)).length,
    queued: await queue.count(),
  });

  beforeAll(async () => {
    db = await connect();
    exportDir = await mkdtemp(join(tmpdir(), 'send-int-exports-'));
    settings = config({ EXPORT_DIR: exportDir });
    queue = new Queue(EXPORT_QUEUE, {
      prefix: unique('send-int'),
      connection: { ...bullmqConnection(settings), ...BULLMQ_REDIS_OPTIONS },
    });
    jobs = new ExportJobRepository(db);
    exports = new ExportService(
      jobs,
      queue,
      settings,
      new AccessLogService(new AuditLogRepository(db)),
    );
    auditor = await insertActor(db, 'Avery Auditor', 'auditor');
    otherAuditor = await insertActor(db, 'Ash Auditor', 'auditor');
    const casey = await insertActor(db, 'Casey Worker');
    reference = unique('EXP');
    const { commands } = await caseWritePath(db, clock);
    await recordCase(commands, casey, { reference, openedOn: '2026-02-02' }, [
      {
        type: 'assessment.requested',
        requestId: 'r1',
        receivedOn: '2026-02-02',
      },
      { type: 'assessment.agreed', requestId: 'r1', notifiedOn: '2026-02-20' },
    ]);
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await rm(exportDir, { recursive: true, force: true });
    await db.destroy();
  });

  it('records an export of one case and queues its job under the export’s id; another auditor cannot see it', async () => {
    const view = await exports.start(auditor, {
      scope: 'case',
      format: 'json',
      caseReference: reference,
    });
    expect(view).toMatchObject({
      status: 'queued',
      scope: 'case',
      format: 'json',
      caseReference: reference,
    });
    const job = await queue.getJob(view.id);
    expect(job).toMatchObject({
      name: 'history.export',
      data: { exportId: view.id },
    });
    expect((await exports.list(auditor)).map((e) => e.id)).toContain(view.id);
    await expect(exports.get(otherAuditor, view.id)).rejects.toThrow(
      NotFoundException,
    );
    expect(await exports.list(otherAuditor)).toEqual([]);
  });

  it('refuses a request that does not say what to export, saying which field, and records and queues nothing', async () => {
    const before = await recorded(auditor);
    const refusals: [Partial<StartExportDto>, string, RegExp][] = [
      [
        { scope: 'case', caseReference: reference, from: '2026-01-01' },
        'from',
        /not of one case/,
      ],
      [{ scope: 'case' }, 'caseReference', /Enter the reference/],
      [
        { scope: 'case', caseReference: unique('NONE') },
        'caseReference',
        /There is no case with the reference/,
      ],
      [
        { scope: 'period', caseReference: reference },
        'caseReference',
        /not of a period/,
      ],
      [{ scope: 'period', to: '2026-01-31' }, 'from', /first day/],
      [{ scope: 'period', from: '2026-01-01' }, 'to', /last day/],
      [
        { scope: 'period', from: '2026-02-01', to: '2026-01-31' },
        'to',
        /same as or after the first day/,
      ],
    ];
    for (const [body, field, message] of refusals) {
      const refused = await exports
        .start(auditor, { format: 'csv', ...body } as StartExportDto)
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(BadRequestException);
      expect((refused as BadRequestException).getResponse()).toMatchObject({
        errors: [{ field, message: expect.stringMatching(message) }],
      });
    }
    expect(await recorded(auditor)).toEqual(before);
  });

  it('the file is ready once the runner has made it: for its auditor only, each download in the access log; expired or deleted, gone', async () => {
    const view = await exports.start(auditor, {
      scope: 'case',
      format: 'json',
      caseReference: reference,
    });
    await expect(exports.file(auditor, view.id, from)).rejects.toThrow(
      new ConflictException(
        'The export is not ready yet (0% done). Wait for it to finish, then download it.',
      ),
    );
    const runner = new HistoryExportRunner(
      settings,
      new HistoryExportRepository(db),
      jobs,
    );
    expect(await runner.run(view.id)).toBe('done');
    const done = await exports.get(auditor, view.id);
    expect(done).toMatchObject({ status: 'done' });

    await expect(exports.file(otherAuditor, view.id, from)).rejects.toThrow(
      NotFoundException,
    );
    const file = await exports.file(auditor, view.id, {
      ...from,
      reason: 'Complaint to the Ombudsman',
    });
    expect(file.type).toBe('application/json; charset=utf-8');
    expect(file.name).toContain(reference);
    // The shape of the case's history.json, with the check made when it was exported.
    const json = JSON.parse(await text(file.stream)) as {
      scope: string;
      reference: string;
      events: HistoryExportEvent[];
      verification: unknown;
    };
    expect(json).toMatchObject({ scope: 'case', reference });
    expect(json.events.map((e) => e.type)).toEqual([
      'case.opened',
      'assessment.requested',
      'assessment.agreed',
    ]);
    expect(verifyHistory(json.events)).toEqual({ valid: true, events: 3 });
    expect(json.verification).toEqual({ valid: true, events: 3 });

    const logged = (await db.query(
      `SELECT actor_name, action, reason, outcome, status, ip, request_id, detail FROM access_log
       WHERE detail->>'exportId' = $1`,
      [view.id],
    )) as Record<string, unknown>[];
    expect(logged).toEqual([
      {
        actor_name: 'Avery Auditor',
        action: 'history.export.download',
        reason: 'Complaint to the Ombudsman',
        outcome: 'allowed',
        status: 200,
        ip: '192.0.2.7',
        request_id: 'req-export',
        detail: expect.objectContaining({
          scope: 'case',
          format: 'json',
          caseReference: reference,
          events: 3,
          cases: 1,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      },
    ]);

    // The file deleted from the disk: gone, and nothing more in the access log.
    await rm(exportFilePath(exportDir, view.id, 'json').file);
    await expect(exports.file(auditor, view.id, from)).rejects.toThrow(
      GoneException,
    );
    // Expired by the housekeeping: gone too.
    await jobs.markExpired(view.id);
    await expect(exports.file(auditor, view.id, from)).rejects.toThrow(
      /has expired/,
    );
    expect(
      await db.query(
        `SELECT 1 FROM access_log WHERE detail->>'exportId' = $1`,
        [view.id],
      ),
    ).toHaveLength(1);
  });

  it('with the job queue not answering (Redis away), answers 503 in seconds, not never, and the export is marked as not queued', async () => {
    // A port nothing listens on; the queue connected as the API's is (BullMQ's patient connection).
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const away = new Queue(EXPORT_QUEUE, {
      prefix: unique('send-int'),
      connection: { host: '127.0.0.1', port, ...BULLMQ_REDIS_OPTIONS },
    });
    away.on('error', () => undefined);
    const service = new ExportService(
      jobs,
      away,
      settings,
      new AccessLogService(new AuditLogRepository(db)),
    );
    try {
      const started = Date.now();
      await expect(
        service.start(auditor, {
          scope: 'case',
          format: 'csv',
          caseReference: reference,
        }),
      ).rejects.toThrow(ServiceUnavailableException);
      expect(Date.now() - started).toBeLessThan(10_000);
      const [latest] = await jobs.recentFor(auditor.id);
      expect(latest).toMatchObject({
        status: 'failed',
        error: 'The export could not be queued. Try again in a few minutes.',
      });
    } finally {
      // Never connected: BullMQ drops the connection attempt at once (see DeadlineProducer).
      await away.close();
    }
  }, 15_000);
});
