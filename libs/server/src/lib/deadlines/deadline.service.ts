import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeadlineFilter, DeadlineQuery, DeadlineSort, DeadlineView } from '@send/contracts';
import { deadlineView, dueSoonUntil } from '@send/domain';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Clock } from '../clock/clock';
import { overdueSql } from '../db/deadline-sql';
import { CaseEntity, DeadlineEntity } from '../db/entities';

/** Days ahead (today included) in which an open deadline counts as due soon (the domain's). */
export { DUE_SOON_DAYS } from '@send/domain';

type DeadlineRow = DeadlineEntity & { case: Pick<CaseEntity, 'reference' | 'childName'> };

/** What `list` narrows and orders by, besides the status filter: `ownerId` is the owner's staff id. */
export type DeadlineListOptions = Omit<DeadlineQuery, 'filter' | 'owner'> & { ownerId?: string };

/** The column each sort orders by first; the due date and case reference then break ties. */
const SORT_COLUMNS: Record<Exclude<DeadlineSort, `-${string}`>, string> = {
  dueOn: 'd.due_on',
  childName: 'c.child_name',
  ruleId: 'd.rule_id',
  owner: 'd.owner',
};

@Injectable()
export class DeadlineService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Deadlines across cases. Dashboards read PostgreSQL only: an open deadline past its date is overdue even if no job has fired. */
  async list(filter: DeadlineFilter, team: string | null = null, options: DeadlineListOptions = {}): Promise<DeadlineView[]> {
    const today = this.clock.today();
    const q = this.query();
    switch (filter) {
      case 'open':
        q.where("d.status = 'open' AND d.due_on >= :today", { today });
        break;
      case 'due_soon':
        q.where("d.status = 'open' AND d.due_on BETWEEN :today AND :until", {
          today,
          until: dueSoonUntil(today),
        });
        break;
      case 'overdue':
        q.where(overdueSql('d', ':today'), { today });
        break;
      case 'outstanding':
        q.where("d.status IN ('open', 'overdue')");
        break;
      case 'met':
        q.where("d.status = 'met'");
        break;
      case 'missed':
        q.where("d.status = 'missed'");
        break;
      case 'cancelled':
        q.where("d.status = 'cancelled'");
        break;
      case 'all':
        break;
    }
    if (team !== null) q.andWhere('c.team = :team', { team });
    const { ownerId, dueFrom, dueTo, ruleId, responsibleBody, sort, limit, offset } = options;
    // By staff id, never by name: a namesake must not see another's deadlines.
    if (ownerId !== undefined) q.andWhere('d.owner_id = :ownerId', { ownerId });
    if (dueFrom !== undefined) q.andWhere('d.due_on >= :dueFrom', { dueFrom });
    if (dueTo !== undefined) q.andWhere('d.due_on <= :dueTo', { dueTo });
    if (ruleId !== undefined) q.andWhere('d.rule_id = :ruleId', { ruleId });
    if (responsibleBody !== undefined) q.andWhere('d.responsible_body = :responsibleBody', { responsibleBody });
    if (sort !== undefined && sort !== 'dueOn') {
      const descending = sort.startsWith('-');
      const column = SORT_COLUMNS[(descending ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS];
      // TypeORM keeps one direction per column: the due date breaks ties only when it is not the sort itself.
      q.orderBy(column, descending ? 'DESC' : 'ASC');
      if (column !== 'd.due_on') q.addOrderBy('d.due_on', 'ASC');
      q.addOrderBy('c.reference', 'ASC');
    }
    q.addOrderBy('d.id', 'ASC'); // a stable order, so that pages neither repeat nor skip a deadline
    if (limit !== undefined) q.limit(limit);
    if (offset !== undefined) q.offset(offset);
    return this.run(q, today);
  }

  /** A case's deadlines; through `manager` to see a transaction's uncommitted changes (a dry run). */
  async forCase(caseId: string, manager: EntityManager = this.db.manager): Promise<DeadlineView[]> {
    return this.run(this.query(manager).where('d.case_id = :caseId', { caseId }), this.clock.today());
  }

  private query(manager: EntityManager = this.db.manager): SelectQueryBuilder<DeadlineEntity> {
    return manager
      .getRepository(DeadlineEntity)
      .createQueryBuilder('d')
      .innerJoin(CaseEntity, 'c', 'c.id = d.case_id')
      .addSelect('c.reference', 'case_reference')
      .addSelect('c.child_name', 'case_child_name')
      .addSelect('c.team', 'case_team')
      .orderBy('d.due_on', 'ASC')
      .addOrderBy('c.reference', 'ASC');
  }

  private async run(q: SelectQueryBuilder<DeadlineEntity>, today: string): Promise<DeadlineView[]> {
    const { entities, raw } = await q.getRawAndEntities<{ case_reference: string; case_child_name: string; case_team: string; d_id: string }>();
    const caseOf = new Map(raw.map((r) => [r.d_id, { reference: r.case_reference, childName: r.case_child_name, team: r.case_team }]));
    const managers = (await this.db.query(`SELECT name, team FROM staff_user WHERE role = 'manager' AND active ORDER BY name`)) as {
      name: string;
      team: string;
    }[];
    const managersOf = (team: string) => managers.filter((m) => m.team === team).map((m) => m.name);
    return entities.map((d) => {
      const c = caseOf.get(d.id) ?? { reference: '', childName: '', team: '' };
      return this.toView({ ...d, case: c }, today, managersOf(c.team));
    });
  }

  /** The view of a deadline every list returns: the domain's, with the managers it escalates to. */
  private toView(d: DeadlineRow, today: string, escalatesTo: string[]): DeadlineView {
    return deadlineView({ ...d, caseReference: d.case.reference, childName: d.case.childName, timedFrom: Clock.londonDate(d.timingFrom) }, today, escalatesTo);
  }
}
