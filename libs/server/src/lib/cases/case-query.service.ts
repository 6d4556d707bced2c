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
import {
  type CasePageRow,
  type CaseRecord,
  type CaseSearch,
  CaseRepository,
} from './case.repository';
import type { DeadlineRecord } from './ledger.repository';

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
  /** The views of a case's deadline rows, in the order every deadline list keeps (due date, then id). */
  caseViews(
    c: Pick<CaseRecord, 'reference' | 'childName'>,
    rows: readonly DeadlineRecord[],
    escalatesTo: string[],
  ): DeadlineView[];
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

  /** The case as it stands (one statement); read through `manager` to see a transaction's uncommitted changes. */
  async detail(caseId: string, manager?: EntityManager): Promise<CaseDetail> {
    const c = await this.cases.page(caseId, manager);
    if (!c) throw new NotFoundException(`There is no case with id ${caseId}.`);
    return this.detailOf(c);
  }

  /**
   * The case page from the case and what it holds: as `detail` reads it, or as a write left it
   * (RecordedEvent.page), so that a write answers the case without reading it again.
   */
  detailOf(c: CasePageRow): CaseDetail {
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
      deadlines: this.deadlines
        .caseViews(c, c.ledger, c.escalatesTo)
        .map((d) => {
          const decisionId = decisionOfDeadline(links, d);
          return decisionId ? { ...d, decisionId } : d;
        }),
      documents: c.documents,
    };
  }
}
