import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type {
  CaseDetail,
  CaseSearchResult,
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
    // Four reads: at once on four pooled connections (one round trip's wait, not four); in a
    // transaction one after the other on its connection. Neither is one snapshot: a write committed
    // between two reads shows in the later ones only, as with separate statements before.
    const reads = [
      () => this.cases.byId(caseId, manager),
      () => this.deadlines.forCase(caseId, manager),
      () => this.documents(caseId, manager),
      () => this.cases.events(caseId, manager),
    ] as const;
    const [c, deadlines, documents, events] = manager
      ? [await reads[0](), await reads[1](), await reads[2](), await reads[3]()]
      : await Promise.all([reads[0](), reads[1](), reads[2](), reads[3]()]);
    if (!c) throw new NotFoundException(`There is no case with id ${caseId}.`);
    const s = completeSnapshot(c.snapshot);
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
