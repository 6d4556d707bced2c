import { NestFactory } from '@nestjs/core';
import type { Role } from '@send/contracts';
import { businessDateOf, type CaseEvent } from '@send/domain';
import {
  ApiFeaturesModule,
  APP_CONFIG,
  type AppConfig,
  CaseCommandService,
  ConfigError,
  hashPassword,
  MediationProviderEntity,
  StaffUserEntity,
} from '@send/server';
import { addDays, format } from 'date-fns';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { historicCases } from './seed-history';

/** Demo staff, one or more per role. */
const DEMO_USERS: { name: string; email: string; role: Role; team: string }[] =
  [
    {
      name: 'Casey Worker',
      email: 'casey@example.council',
      role: 'caseworker',
      team: 'SEND North',
    },
    {
      name: 'Sam Okafor',
      email: 'sam@example.council',
      role: 'caseworker',
      team: 'SEND North',
    },
    {
      name: 'Morgan Lee',
      email: 'morgan@example.council',
      role: 'manager',
      team: 'SEND North',
    },
    {
      name: 'Priya Shah',
      email: 'priya@example.council',
      role: 'caseworker',
      team: 'SEND South',
    },
    {
      name: 'Jordan Reid',
      email: 'jordan@example.council',
      role: 'manager',
      team: 'SEND South',
    },
    {
      name: 'Ada Auditor',
      email: 'ada@example.council',
      role: 'auditor',
      team: 'Internal audit',
    },
    {
      name: 'Alex Admin',
      email: 'alex@example.council',
      role: 'administrator',
      team: 'Systems',
    },
  ];

const day = (offset: number) =>
  format(addDays(new Date(), offset), 'yyyy-MM-dd');

/**
 * Demo cases, dated relative to today so the demo always shows deadlines due soon, overdue, open
 * and met, along several routes: mediation (concluded, declined, requested), appeals at each
 * stage, orders and recommendations.
 */
function demoCases(providerName: string): {
  reference: string;
  childName: string;
  dateOfBirth: string;
  by: string;
  events: (ids: Ids) => CaseEvent[];
}[] {
  const decided = (
    decisionId: string,
    type: 'final_plan_content' | 'refuse_assessment' | 'refuse_plan',
    letter: number,
  ): CaseEvent => ({
    type: 'decision.issued',
    decisionId,
    decisionType: type,
    decisionDate: day(letter - 2),
    letterSent: day(letter),
    sections: type === 'final_plan_content' ? ['B', 'F', 'I'] : [],
    letterChecklist: {
      mediationInformation: true,
      appealRights: true,
      timeLimits: true,
      disagreementResolution: true,
    },
    rationale:
      'Decision made at the SEND panel on the evidence in the assessment.',
    ...(type === 'final_plan_content'
      ? { placement: 'Riverside Primary School' }
      : {}),
  });
  /** `withoutCertificate`: the family appealed with no mediation certificate (CFA 2014 s.55(3)): recorded as what happened, and flagged. */
  const appealTo = (
    ids: Ids,
    lodged: number,
    ref: string,
    withoutCertificate = false,
  ): CaseEvent[] => [
    {
      type: 'appeal.lodged',
      appealId: ids.appeal,
      decisionId: ids.decision,
      tribunalReference: ref,
      lodgedOn: day(lodged),
      appellant: 'parent',
      sections: ['B', 'F', 'I'],
      healthAndSocialCareSought: true,
      ...(withoutCertificate ? { confirmedUnusual: true } : {}),
    },
    {
      type: 'appeal.registered',
      appealId: ids.appeal,
      registeredOn: day(lodged + 6),
      appealReceivedOn: day(lodged + 7),
    },
  ];
  const recs = [
    {
      section: 'G' as const,
      responsibleBody: 'icb' as const,
      text: 'Speech and language therapy: one hour a week in school, reviewed termly.',
    },
    {
      section: 'H1' as const,
      responsibleBody: 'council_social_care' as const,
      text: 'Short breaks: two overnight stays a month with an approved provider.',
    },
  ];
  const tribunalDecision = (ids: Ids, on: number): CaseEvent[] => [
    {
      type: 'appeal.response_sent',
      appealId: ids.appeal,
      sentOn: day(on - 90),
    },
    {
      type: 'appeal.hearing_listed',
      appealId: ids.appeal,
      hearingDate: day(on - 7),
    },
    {
      type: 'appeal.decided',
      appealId: ids.appeal,
      outcome: 'decided_allowed',
      decisionDate: day(on),
      orderSentOn: day(on + 1),
      orders: [
        {
          orderId: ids.order,
          orderType: 'amend_plan',
          details:
            'Amend section F: 25 hours of 1:1 support; name the school in section I.',
        },
      ],
      recommendations: recs.map((r) => ({
        ...r,
        recommendationId: randomUUID(),
      })),
    },
  ];
  const mediationConcluded = (ids: Ids, contacted: number): CaseEvent[] => [
    {
      type: 'mediation.adviser_contacted',
      mediationId: ids.mediation,
      decisionId: ids.decision,
      providerName,
      contactedOn: day(contacted),
      healthInIssue: true,
      socialCareInIssue: true,
    },
    {
      type: 'mediation.requested',
      mediationId: ids.mediation,
      laInformedOn: day(contacted + 1),
    },
    {
      type: 'mediation.health_notified',
      mediationId: ids.mediation,
      notifiedOn: day(contacted + 2),
    },
    {
      type: 'mediation.held',
      mediationId: ids.mediation,
      heldOn: day(contacted + 20),
      concludedOn: day(contacted + 20),
      outcome: 'not_resolved',
    },
    {
      type: 'certificate.issued',
      certificateId: randomUUID(),
      mediationId: ids.mediation,
      kind: 'mediation_concluded',
      issuedOn: day(contacted + 22),
    },
  ];
  return [
    {
      reference: 'RUT-2026-0101',
      childName: 'Amira Khan',
      dateOfBirth: '2014-05-17',
      by: 'Casey Worker',
      events: (ids) => [
        decided(ids.decision, 'final_plan_content', -260),
        ...mediationConcluded(ids, -250),
        ...appealTo(ids, -220, 'EH857/26/00101'),
        ...tribunalDecision(ids, -30),
      ],
    },
    {
      reference: 'RUT-2026-0102',
      childName: 'Oliver Bennett',
      dateOfBirth: '2011-11-02',
      by: 'Casey Worker',
      events: (ids) => [
        decided(ids.decision, 'final_plan_content', -270),
        ...appealTo(ids, -230, 'EH857/26/00102', true),
        ...tribunalDecision(ids, -40),
      ],
    },
    {
      reference: 'RUT-2026-0103',
      childName: 'Grace Adeyemi',
      dateOfBirth: '2016-01-23',
      by: 'Sam Okafor',
      events: (ids) => [
        decided(ids.decision, 'final_plan_content', -240),
        ...mediationConcluded(ids, -230),
        ...appealTo(ids, -200, 'EH857/26/00103'),
        ...tribunalDecision(ids, -12),
      ],
    },
    {
      reference: 'RUT-2026-0104',
      childName: 'Noah Patel',
      dateOfBirth: '2018-09-30',
      by: 'Sam Okafor',
      events: (ids) => [
        decided(ids.decision, 'refuse_assessment', -25),
        {
          type: 'way_forward.requested',
          meetingId: ids.meeting,
          decisionId: ids.decision,
          requestedOn: day(-20),
        },
        {
          type: 'way_forward.held',
          meetingId: ids.meeting,
          heldOn: day(-14),
          outcome: 'not_resolved',
          notes: 'Parent to seek mediation.',
        },
        {
          type: 'mediation.adviser_contacted',
          mediationId: ids.mediation,
          decisionId: ids.decision,
          providerName,
          contactedOn: day(-12),
          healthInIssue: false,
          socialCareInIssue: false,
        },
        {
          type: 'mediation.requested',
          mediationId: ids.mediation,
          laInformedOn: day(-11),
        },
      ],
    },
    {
      reference: 'RUT-2026-0105',
      childName: 'Lily Evans',
      dateOfBirth: '2012-03-08',
      by: 'Casey Worker',
      events: (ids) => [
        decided(ids.decision, 'refuse_plan', -70),
        {
          type: 'mediation.adviser_contacted',
          mediationId: ids.mediation,
          decisionId: ids.decision,
          providerName,
          contactedOn: day(-60),
          healthInIssue: false,
          socialCareInIssue: false,
        },
        {
          type: 'mediation.declined',
          mediationId: ids.mediation,
          adviserInformedOn: day(-60),
        },
        {
          type: 'certificate.issued',
          certificateId: randomUUID(),
          mediationId: ids.mediation,
          kind: 'information_only',
          issuedOn: day(-58),
        },
        ...appealTo(ids, -30, 'EH857/26/00105'),
      ],
    },
  ];
}

interface Ids {
  decision: string;
  mediation: string;
  appeal: string;
  order: string;
  meeting: string;
}

/** Loads demo staff, a mediation provider and demo cases. Does nothing to a database that already has them. */
async function seed(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ApiFeaturesModule, {
    logger: ['error', 'warn'],
  });
  try {
    const db = app.get(DataSource);
    const config = app.get<AppConfig>(APP_CONFIG);
    const users = db.getRepository(StaffUserEntity);
    // Demo staff missing from the database (by name), so that a database seeded before a new demo member of staff gets them.
    const present = new Set((await users.find()).map((u) => u.name));
    const missing = DEMO_USERS.filter((u) => !present.has(u.name));
    // Marked as demo accounts: a production API refuses to sign them in, whatever their password.
    if (missing.length)
      await users.insert(
        missing.map((u) => ({ ...u, active: true, demo: true })),
      );
    await db.query(
      `UPDATE staff_user SET demo = true WHERE name = ANY($1) AND lower(email) = ANY($2)`,
      [
        DEMO_USERS.map((u) => u.name),
        DEMO_USERS.map((u) => u.email.toLowerCase()),
      ],
    );
    // Demo staff sign in with DEMO_PASSWORD (set by `npm start`; refused in production).
    if (config.DEMO_PASSWORD) {
      const passwordHash = await hashPassword(config.DEMO_PASSWORD);
      for (const u of DEMO_USERS) {
        await db.query(
          `UPDATE staff_user SET email = $2, password_hash = $3 WHERE name = $1 AND (email IS NULL OR password_hash IS NULL)`,
          [u.name, u.email, passwordHash],
        );
      }
    }
    const providers = db.getRepository(MediationProviderEntity);
    if ((await providers.count()) === 0) {
      // Rutland's mediation provider; each council keeps its own as data.
      await providers.insert({
        name: 'Global Mediation',
        email: 'send@globalmediation.example',
        phone: null,
        active: true,
      });
    }
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM "case"`,
    );
    if (count > 0) {
      console.log('Demo data already present.');
      return;
    }
    const staff = await users.find();
    const provider = await providers.findOneByOrFail({
      name: 'Global Mediation',
    });
    const commands = app.get(CaseCommandService);
    const cases = demoCases(provider.name);
    for (const c of cases) {
      const u = staff.find((s) => s.name === c.by);
      if (!u) throw new Error(`demo user ${c.by} missing`);
      const actor = { id: u.id, name: u.name, role: u.role, team: u.team };
      const ids: Ids = {
        decision: randomUUID(),
        mediation: randomUUID(),
        appeal: randomUUID(),
        order: randomUUID(),
        meeting: randomUUID(),
      };
      const events = c.events(ids);
      // Opened on the day of its first event, as if it had been kept here all along (not on the seeding day).
      const openedOn =
        events.map(businessDateOf).sort()[0] ??
        format(new Date(), 'yyyy-MM-dd');
      const { caseId } = await commands.open(
        {
          type: 'case.opened',
          reference: c.reference,
          childName: c.childName,
          dateOfBirth: c.dateOfBirth,
          caseworker: u.name,
          team: u.team,
          openedOn,
        },
        actor,
      );
      let version = 1;
      for (const event of events)
        version = (
          await commands.record(caseId, event, actor, {
            expectedVersion: version,
          })
        ).version;
    }
    // Eighteen months of history across both teams, for the manager's dashboard and the appeals register.
    const history = historicCases(new Date(), provider.name);
    for (const c of history) {
      const u = staff.find((s) => s.name === c.by);
      if (!u) throw new Error(`demo user ${c.by} missing`);
      const actor = { id: u.id, name: u.name, role: u.role, team: u.team };
      const { caseId } = await commands.open(
        {
          type: 'case.opened',
          reference: c.reference,
          childName: c.childName,
          dateOfBirth: c.dateOfBirth,
          caseworker: u.name,
          team: u.team,
          openedOn: c.openedOn,
        },
        actor,
      );
      let version = 1;
      for (const event of c.events)
        version = (
          await commands.record(caseId, event, actor, {
            expectedVersion: version,
          })
        ).version;
    }
    console.log(
      `Demo data loaded: ${staff.length} staff, 1 mediation provider, ${cases.length + history.length} cases.`,
    );
  } finally {
    await app.close();
  }
}

seed().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
