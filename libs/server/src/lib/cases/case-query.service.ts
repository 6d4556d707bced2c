import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CaseDetail,
  CaseSummary,
  DeadlineView,
  DocumentView,
  Page,
} from '@send/contracts';
import {
  type CaseEvent,
  completeSnapshot,
  decisionOf,
  decisionOfDeadline,
} from '@send/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseEntity } from '../db/entities';
import { CaseRepository } from './case.repository';

export function toCaseSummary(
  c: Pick<
    CaseEntity,
    | 'id'
    | 'reference'
    | 'childName'
    | 'dateOfBirth'
    | 'caseworker'
    | 'team'
    | 'stage'
    | 'version'
  >,
): CaseSummary {
  return {
    id: c.id,
    reference: c.reference,
    childName: c.childName,
    dateOfBirth: c.dateOfBirth,
    caseworker: c.caseworker,
    team: c.team,
    stage: c.stage,
    version: c.version,
  };
}

export interface CaseSearch {
  /** Only this team's cases; null for every team (auditors). */
  team: string | null;
  text?: string;
  dateOfBirth?: string;
  limit?: number;
  offset?: number;
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The case page's deadlines, as the deadlines context shows them (DeadlineService). Bound by the
 * assembly (server.modules.ts): the deadlines context builds on this one, so this one names only
 * what it needs of it.
 */
export const CASE_DEADLINES = Symbol('CASE_DEADLINES');
export interface CaseDeadlines {
  forCase(caseId: string, manager?: EntityManager): Promise<DeadlineView[]>;
}

@Injectable()
export class CaseQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CASE_DEADLINES) private readonly deadlines: CaseDeadlines,
    private readonly cases: CaseRepository,
  ) {}

  /**
   * Cases matching a reference or name fragment and/or a date of birth, most recently changed first.
   * Within a team, the trigram indexes led by the team (`case_team_reference_trgm`,
   * `case_team_child_name_trgm`) find the team's matches without reading the country's; the page and
   * its count are two queries run together.
   */
  async search({
    team,
    text,
    dateOfBirth,
    limit = 50,
    offset = 0,
  }: CaseSearch): Promise<Page<CaseSummary>> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (team !== null) where.push(`c.team = ${param(team)}`);
    const words = text?.trim().toLowerCase();
    if (words) {
      const contains = param(`%${escapeLike(words)}%`);
      where.push(
        `(lower(c.reference) LIKE ${contains} OR lower(c.child_name) LIKE ${contains})`,
      );
    }
    if (dateOfBirth)
      where.push(`c.date_of_birth = ${param(dateOfBirth)}::date`);
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const filterParams = [...params];
    const [rows, [count]] = await Promise.all([
      this.db.query(
        `SELECT c.id, c.reference, c.child_name, c.date_of_birth, c.caseworker, c.team, c.stage, c.version FROM "case" c ${condition}
         ORDER BY c.updated_at DESC, c.reference LIMIT ${param(limit)} OFFSET ${param(offset)}`,
        params,
      ) as Promise<
        {
          id: string;
          reference: string;
          child_name: string;
          date_of_birth: string;
          caseworker: string;
          team: string;
          stage: string;
          version: number;
        }[]
      >,
      this.db.query(
        `SELECT count(*)::int AS total FROM "case" c ${condition}`,
        filterParams,
      ) as Promise<{ total: number }[]>,
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        childName: r.child_name,
        dateOfBirth: r.date_of_birth,
        caseworker: r.caseworker,
        team: r.team,
        stage: r.stage as CaseSummary['stage'],
        version: r.version,
      })),
      total: count?.total ?? 0,
    };
  }

  /** The case as it stands; read through `manager` to see a transaction's uncommitted changes (a dry run). */
  async detail(caseId: string, manager?: EntityManager): Promise<CaseDetail> {
    const c = await this.cases.byId(caseId, manager);
    if (!c) throw new NotFoundException(`There is no case with id ${caseId}.`);
    const s = completeSnapshot(c.snapshot);
    const deadlines = await this.deadlines.forCase(caseId, manager);
    const documents = await this.documents(caseId, manager);
    const events = await this.cases.events(caseId, manager);
    // Which decision each deadline and way forward meeting follows from: the domain's rule, by the history's order.
    const links = decisionOf(
      events.map((e) => ({ type: e.type, ...e.payload }) as CaseEvent),
    );
    return {
      ...toCaseSummary(c),
      contacts: s.contacts,
      decisions: s.decisions,
      wayForwardMeetings: s.wayForwardMeetings.map((w) => {
        const decisionId = w.decisionId ?? links.subjects.get(w.id);
        return decisionId ? { ...w, decisionId } : w;
      }),
      mediations: s.mediations,
      disagreementResolutions: s.disagreementResolutions,
      appeals: s.appeals,
      orders: s.orders,
      recommendations: s.recommendations,
      assessmentRequests: s.assessmentRequests,
      reviews: s.reviews,
      draftPlans: s.draftPlans,
      phaseTransfers: s.phaseTransfers,
      flags: s.flags,
      deadlines: deadlines.map((d) => {
        const decisionId = decisionOfDeadline(links, d);
        return decisionId ? { ...d, decisionId } : d;
      }),
      documents,
    };
  }

  private async documents(
    caseId: string,
    manager?: EntityManager,
  ): Promise<DocumentView[]> {
    const rows = await this.cases.documentsOf(caseId, manager);
    return rows.map((d) => ({
      id: d.id,
      eventSequence: d.eventSequence,
      filename: d.filename,
      contentType: d.contentType,
      size: d.size,
      sha256: d.sha256,
      uploadedAt: d.uploadedAt.toISOString(),
    }));
  }
}
