import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type {
  CaseDetail,
  CaseSearchResult,
  CaseSummary,
  DeadlineView,
  Page,
} from '@send/contracts';
import {
  type CaseEvent,
  completeSnapshot,
  decisionOf,
  decisionOfDeadline,
} from '@send/domain';
import type { EntityManager } from 'typeorm';
import { CaseEntity } from '../db/entities';
import { type CaseSearch, CaseRepository } from './case.repository';

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

export type { CaseSearch } from './case.repository';

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
    @Inject(CASE_DEADLINES) private readonly deadlines: CaseDeadlines,
    private readonly cases: CaseRepository,
  ) {}

  /** Cases matching what people remember them by, each with why it matched (see CaseRepository.search). */
  search(query: CaseSearch): Promise<Page<CaseSearchResult>> {
    return this.cases.search(query);
  }

  /** The case as it stands; read through `manager` to see a transaction's uncommitted changes (a dry run). */
  async detail(caseId: string, manager?: EntityManager): Promise<CaseDetail> {
    // Two statements (the case with its history and documents; its deadlines with whom they
    // escalate to): at once on two pooled connections, or one after the other in a transaction.
    // Not one snapshot: a write committed between them shows in the later one only.
    const [c, deadlines] = manager
      ? [
          await this.cases.page(caseId, manager),
          await this.deadlines.forCase(caseId, manager),
        ]
      : await Promise.all([
          this.cases.page(caseId),
          this.deadlines.forCase(caseId),
        ]);
    if (!c) throw new NotFoundException(`There is no case with id ${caseId}.`);
    const s = completeSnapshot(c.snapshot);
    // Which decision each deadline and way forward meeting follows from: the domain's rule, by the history's order.
    const links = decisionOf(
      c.history.map((e) => ({ type: e.type, ...e.payload }) as CaseEvent),
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
      documents: c.documents,
    };
  }
}
