import { BadRequestException, ConflictException } from '@nestjs/common';
import { CaseRuleError } from '@send/domain';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  connect,
  fixedClock,
  insertActor,
  recordCase,
  unique,
} from '../../testing/int-database';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { SecurityLogService } from '../audit/security-log.service';
import type { CaseCommandService } from '../cases/case-command.service';
import type { Actor } from '../identity/actor';
import { MediationProviderRepository } from './mediation-provider.repository';
import { MediationProviderService } from './mediation-provider.service';
import { MediationWriteService } from './mediation-write.service';
import type { AdviserContactedDto } from './mediation.dto';

/*
 * The family's contact with the mediation adviser against PostgreSQL: before appealing, a parent
 * or young person must contact a mediation adviser (Children and Families Act 2014 s.55(2)), within
 * the time to appeal; the council's record names the mediation provider as it was on the day (the
 * event carries its name, so renaming the provider later does not rewrite the history). It is
 * recorded with the deadline it meets (`mediation.contact_adviser`) in one transaction; a refused
 * entry (a provider that is not active, a date before the decision, a stale version) writes nothing.
 */

const clock = fixedClock('2026-03-02T10:00:00Z');
const request = { headers: {}, ip: '192.0.2.1', id: 'req-mediation-write' };

describe('recording the family’s contact with the mediation adviser against PostgreSQL (MediationWriteService)', () => {
  let db: DataSource;
  let commands: CaseCommandService;
  let providers: MediationProviderService;
  let mediation: MediationWriteService;
  let actor: Actor;
  let providerId: string;
  let providerName: string;
  let inactiveId: string;

  /** A case with a refusal to assess, decided 2 February 2026 (letter sent the 3rd): version 2. */
  async function decidedCase(): Promise<{
    caseId: string;
    decisionId: string;
  }> {
    const decisionId = randomUUID();
    const caseId = await recordCase(
      commands,
      actor,
      { reference: unique('MED'), openedOn: '2026-01-05' },
      [
        {
          type: 'decision.issued',
          decisionId,
          decisionType: 'refuse_assessment',
          decisionDate: '2026-02-02',
          letterSent: '2026-02-03',
          sections: [],
        },
      ],
    );
    return { caseId, decisionId };
  }

  const contact = (
    decisionId: string,
    body: Partial<AdviserContactedDto> = {},
  ): AdviserContactedDto => ({
    expectedVersion: 2,
    decisionId,
    providerId,
    contactedOn: '2026-02-20',
    healthInIssue: true,
    socialCareInIssue: false,
    ...body,
  });

  /** What is stored of the case: its version, its events' types, and its deadline to contact the adviser. */
  async function stored(caseId: string) {
    const [c] = (await db.query(`SELECT version FROM "case" WHERE id = $1`, [
      caseId,
    ])) as { version: number }[];
    const events = (await db.query(
      `SELECT type, payload FROM case_event WHERE case_id = $1 ORDER BY sequence`,
      [caseId],
    )) as { type: string; payload: Record<string, unknown> }[];
    const [deadline] = (await db.query(
      `SELECT status, met_on::text AS "metOn" FROM deadline WHERE case_id = $1 AND rule_id = 'mediation.contact_adviser'`,
      [caseId],
    )) as { status: string; metOn: string | null }[];
    return { version: c?.version, events, deadline };
  }

  beforeAll(async () => {
    db = await connect();
    let writes;
    ({ commands, writes } = await caseWritePath(db, clock));
    const repository = new MediationProviderRepository(db);
    providers = new MediationProviderService(
      db,
      repository,
      new SecurityLogService(new AuditLogRepository(db)),
    );
    mediation = new MediationWriteService(repository, writes);
    actor = await insertActor(db, 'Casey Worker');
    const admin = await insertActor(db, 'Ada Admin', 'administrator');
    providerName = unique('Mediation Co');
    providerId = (await providers.add({ name: providerName }, admin, request))
      .id;
    const inactive = await providers.add(
      { name: unique('Closed Mediation') },
      admin,
      request,
    );
    await providers.change(inactive.id, { active: false }, admin, request);
    inactiveId = inactive.id;
  });
  afterAll(() => db.destroy());

  it('records the contact with the provider’s name as it was, and meets the deadline to contact the adviser, in one write', async () => {
    const { caseId, decisionId } = await decidedCase();
    expect((await stored(caseId)).deadline).toEqual({
      status: 'open',
      metOn: null,
    });
    const mediationId = randomUUID();
    const detail = await mediation.adviserContacted(
      caseId,
      mediationId,
      contact(decisionId, { providerReference: '  GM-2026-0412 ' }),
      actor,
    );
    expect(detail.version).toBe(3);
    expect(detail.stage).toBe('mediation');
    expect(detail.mediations).toEqual([
      expect.objectContaining({
        id: mediationId,
        decisionId,
        providerName,
        providerReference: 'GM-2026-0412',
        adviserContactedOn: '2026-02-20',
        healthInIssue: true,
        socialCareInIssue: false,
      }),
    ]);
    const after = await stored(caseId);
    expect(after.version).toBe(3);
    expect(after.deadline).toEqual({ status: 'met', metOn: '2026-02-20' });
    expect(after.events.at(-1)).toEqual({
      type: 'mediation.adviser_contacted',
      payload: {
        mediationId,
        decisionId,
        providerName,
        providerReference: 'GM-2026-0412',
        contactedOn: '2026-02-20',
        healthInIssue: true,
        socialCareInIssue: false,
      },
    });

    // The provider renamed later: the case's record keeps the name it had.
    const admin = await insertActor(db, 'Ada Admin', 'administrator');
    await providers.change(
      providerId,
      { name: `${providerName} Ltd` },
      admin,
      request,
    );
    try {
      expect((await stored(caseId)).events.at(-1)?.payload).toMatchObject({
        providerName,
      });
    } finally {
      await providers.change(
        providerId,
        { name: providerName },
        admin,
        request,
      );
    }
  });

  it('refuses a provider that is not active, or not known, and writes nothing', async () => {
    const { caseId, decisionId } = await decidedCase();
    const before = await stored(caseId);
    for (const id of [inactiveId, randomUUID()])
      await expect(
        mediation.adviserContacted(
          caseId,
          randomUUID(),
          contact(decisionId, { providerId: id }),
          actor,
        ),
      ).rejects.toThrow(BadRequestException);
    expect(await stored(caseId)).toEqual(before);
  });

  it('refuses a contact dated before the decision, or made on a version of the case that has moved on, and writes nothing', async () => {
    const { caseId, decisionId } = await decidedCase();
    const before = await stored(caseId);
    await expect(
      mediation.adviserContacted(
        caseId,
        randomUUID(),
        contact(decisionId, { contactedOn: '2026-01-30' }),
        actor,
      ),
    ).rejects.toThrow(CaseRuleError);
    await expect(
      mediation.adviserContacted(
        caseId,
        randomUUID(),
        contact(decisionId, { expectedVersion: 1 }),
        actor,
      ),
    ).rejects.toThrow(ConflictException);
    expect(await stored(caseId)).toEqual(before);
    expect(before.deadline?.status).toBe('open');
  });

  it('a dry run answers the case as it would be, and saves nothing', async () => {
    const { caseId, decisionId } = await decidedCase();
    const before = await stored(caseId);
    const preview = await mediation.adviserContacted(
      caseId,
      randomUUID(),
      contact(decisionId, { dryRun: true }),
      actor,
    );
    expect(preview.dryRun).toBe(true);
    expect(preview.mediations).toHaveLength(1);
    expect(
      preview.deadlines.find((d) => d.ruleId === 'mediation.contact_adviser'),
    ).toMatchObject({ status: 'met', metOn: '2026-02-20' });
    expect(await stored(caseId)).toEqual(before);
  });
});
