import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DeadlineFilter,
  DeadlineSort,
  DeadlineStatus,
  DutyHolder,
  ResponsibleBody,
} from '@send/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type DeadlineRecord,
  RECORD_COLUMNS,
} from '../cases/ledger.repository';
import { type Db, sql } from '../db/sql';

export type {
  DeadlineExtension,
  DeadlineRecord,
} from '../cases/ledger.repository';
import { liveSql, openSql, overdueSql } from '../db/deadline-sql';

/** A deadline with what a list shows of its case. */
export type DeadlineWithCase = DeadlineRecord & {
  case: { reference: string; childName: string; team: string };
};

/** A deadline as the worker's action reads it, under its row lock. */
export interface LockedDeadline {
  id: string;
  caseId: string;
  ruleId: string;
  dueOn: string;
  status: DeadlineStatus;
  dutyHolder: DutyHolder;
  responsibleBody: ResponsibleBody | null;
  explanation: string[];
  timingFrom: Date;
  claimNo: number;
  claimedAt: Date | null;
  reference: string;
}

/** Which deadlines a list asks for (dates YYYY-MM-DD). */
export interface DeadlineCriteria {
  filter: DeadlineFilter;
  today: string;
  /** The last day of "due soon". */
  dueSoonUntil: string;
  team: string | null;
  ownerId?: string;
  dueFrom?: string;
  dueTo?: string;
  ruleId?: string;
  responsibleBody?: ResponsibleBody;
  sort?: DeadlineSort;
  limit?: number;
  offset?: number;
}

const FILTERS: Record<DeadlineFilter, string> = {
  open: openSql('d', '$1'),
  due_soon: `d.status = 'open' AND d.due_on BETWEEN $1 AND $2`,
  overdue: overdueSql('d', '$1'),
  outstanding: liveSql('d'),
  met: `d.status = 'met'`,
  missed: `d.status = 'missed'`,
  cancelled: `d.status = 'cancelled'`,
  all: `true`,
};

const SORT_COLUMNS: Record<Exclude<DeadlineSort, `-${string}`>, string> = {
  dueOn: 'd.due_on',
  childName: 'c.child_name',
  ruleId: 'd.rule_id',
  owner: 'd.owner',
};

const withCase = (
  r: DeadlineRecord & { reference: string; childName: string; team: string },
): DeadlineWithCase => {
  const { reference, childName, team, ...d } = r;
  return { ...d, case: { reference, childName, team } };
};

/**
 * `deadline`, read: the lists and the calendar feed; and the worker's timers: claims of due actions (FOR UPDATE SKIP LOCKED, a claim
 * number per claim), their recovery when a job was lost, and the action's own row lock.
 */
@Injectable()
export class DeadlineRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // --- Lists ---

  /** Deadlines with their case's reference, child and team: by due date then reference, unless sorted otherwise; a stable order for paging. */
  async list(
    c: DeadlineCriteria,
    db: Db = this.db,
  ): Promise<DeadlineWithCase[]> {
    const params: unknown[] = [c.today, c.dueSoonUntil];
    const where = [FILTERS[c.filter]];
    const add = (condition: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (c.team !== null) add((p) => `c.team = ${p}`, c.team);
    // By staff id, never by name: a namesake must not see another's deadlines.
    if (c.ownerId !== undefined) add((p) => `d.owner_id = ${p}`, c.ownerId);
    if (c.dueFrom !== undefined) add((p) => `d.due_on >= ${p}`, c.dueFrom);
    if (c.dueTo !== undefined) add((p) => `d.due_on <= ${p}`, c.dueTo);
    if (c.ruleId !== undefined) add((p) => `d.rule_id = ${p}`, c.ruleId);
    if (c.responsibleBody !== undefined)
      add((p) => `d.responsible_body = ${p}`, c.responsibleBody);
    let order = ['d.due_on ASC', 'c.reference ASC'];
    if (c.sort !== undefined && c.sort !== 'dueOn') {
      const descending = c.sort.startsWith('-');
      const column =
        SORT_COLUMNS[
          (descending ? c.sort.slice(1) : c.sort) as keyof typeof SORT_COLUMNS
        ];
      order = [
        `${column} ${descending ? 'DESC' : 'ASC'}`,
        ...(column !== 'd.due_on' ? ['d.due_on ASC'] : []),
        'c.reference ASC',
      ];
    }
    order.push('d.id ASC');
    let paging = '';
    if (c.limit !== undefined) {
      params.push(c.limit);
      paging += ` LIMIT $${params.length}`;
    }
    if (c.offset !== undefined) {
      params.push(c.offset);
      paging += ` OFFSET $${params.length}`;
    }
    const rows = await sql<
      DeadlineRecord & { reference: string; childName: string; team: string }
    >(
      db,
      `SELECT ${RECORD_COLUMNS}, c.reference, c.child_name AS "childName", c.team
       FROM deadline d JOIN "case" c ON c.id = d.case_id
       WHERE ${where.join(' AND ')} AND $1::date IS NOT NULL AND $2::date IS NOT NULL
       ORDER BY ${order.join(', ')}${paging}`,
      params,
    );
    return rows.map(withCase);
  }

  /** The calendar feed: a member of staff's open and overdue deadlines (within a team when given), by due date. */
  openForOwner(
    ownerId: string,
    team: string | null,
  ): Promise<
    {
      id: string;
      rule_id: string;
      due_on: string;
      explanation: string[];
      responsible_body: string | null;
      reference: string;
      case_id: string;
    }[]
  > {
    return sql(
      this.db,
      `SELECT d.id, d.rule_id, d.due_on::text AS due_on, d.explanation, d.responsible_body, c.reference, c.id AS case_id
       FROM deadline d JOIN "case" c ON c.id = d.case_id
       WHERE d.owner_id = $1 AND ($2::text IS NULL OR c.team = $2) AND ${liveSql('d')}
       ORDER BY d.due_on, d.id LIMIT 5000`,
      [ownerId, team],
    );
  }

  // --- The worker's timers ---

  /** How many actions are claimed and not finished. */
  async inFlight(): Promise<number> {
    const [row] = await sql<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM deadline WHERE claimed_at IS NOT NULL`,
    );
    return row?.n ?? 0;
  }

  /**
   * Claims up to `limit` actions due at `now`, oldest first: FOR UPDATE SKIP LOCKED, so workers share
   * the work and never wait for each other or for a case write. Answers each with its new claim number.
   */
  claimDue(
    now: Date,
    limit: number,
  ): Promise<{ id: string; claim_no: number }[]> {
    return sql(
      this.db,
      `UPDATE deadline d SET claim_no = d.claim_no + 1, claimed_at = now(), claim_started_at = now(),
         claimed_due_at = d.next_action_at, next_action_at = NULL
       FROM (SELECT id FROM deadline WHERE next_action_at <= $1 ORDER BY next_action_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
       WHERE d.id = due.id
       RETURNING d.id, d.claim_no`,
      [now, limit],
    );
  }

  /** Claims in flight older than `graceMs`, oldest first. */
  claimedBefore(
    graceMs: number,
    limit: number,
  ): Promise<{ id: string; claim_no: number }[]> {
    return sql(
      this.db,
      `SELECT id, claim_no FROM deadline WHERE claimed_at IS NOT NULL AND claimed_at <= now() - $1 * interval '1 ms' ORDER BY claimed_at LIMIT $2`,
      [graceMs, limit],
    );
  }

  /** Claims again (new claim numbers) the claims whose job was lost; rows a job holds locked are left alone. */
  reclaim(
    lost: readonly { id: string; claim_no: number }[],
  ): Promise<{ id: string; claim_no: number }[]> {
    return sql(
      this.db,
      `UPDATE deadline d SET claim_no = d.claim_no + 1, claimed_at = now()
       FROM (SELECT x.id FROM deadline x JOIN unnest($1::uuid[], $2::int[]) AS m(id, claim_no) ON x.id = m.id AND x.claim_no = m.claim_no
             WHERE x.claimed_at IS NOT NULL FOR UPDATE OF x SKIP LOCKED) lost
       WHERE d.id = lost.id
       RETURNING d.id, d.claim_no`,
      [lost.map((c) => c.id), lost.map((c) => c.claim_no)],
    );
  }

  /** Whether any action due before `at` is still waiting or in flight. */
  async pendingBefore(at: Date): Promise<boolean> {
    const [row] = await sql<{ pending: boolean }>(
      this.db,
      `SELECT EXISTS (SELECT 1 FROM deadline WHERE next_action_at < $1)
           OR EXISTS (SELECT 1 FROM deadline WHERE claimed_at IS NOT NULL AND claimed_due_at < $1) AS pending`,
      [at],
    );
    return row?.pending === true;
  }

  /** Locks the deadline's case (FOR UPDATE), as a case write does, before the deadline itself. */
  async lockCaseOf(tx: EntityManager, deadlineId: string): Promise<void> {
    await sql(
      tx,
      `SELECT 1 FROM "case" WHERE id = (SELECT case_id FROM deadline WHERE id = $1) FOR UPDATE`,
      [deadlineId],
    );
  }

  /** The deadline and its case's reference, under the deadline's row lock. */
  async lockForAction(
    tx: EntityManager,
    deadlineId: string,
  ): Promise<LockedDeadline | undefined> {
    const [row] = await sql<LockedDeadline>(
      tx,
      `SELECT d.id, d.case_id AS "caseId", d.rule_id AS "ruleId", d.due_on::text AS "dueOn", d.status, d.duty_holder AS "dutyHolder",
              d.responsible_body AS "responsibleBody", d.explanation, d.timing_from AS "timingFrom",
              d.claim_no AS "claimNo", d.claimed_at AS "claimedAt", c.reference
       FROM deadline d JOIN "case" c ON c.id = d.case_id WHERE d.id = $1 FOR UPDATE OF d`,
      [deadlineId],
    );
    return row;
  }

  /** Ends the action's claim and times the next action (null: none). */
  async finishAction(
    tx: EntityManager,
    deadlineId: string,
    next: Date | null,
  ): Promise<void> {
    await sql(
      tx,
      `UPDATE deadline SET next_action_at = $2, claimed_at = NULL, claim_started_at = NULL, claimed_due_at = NULL WHERE id = $1`,
      [deadlineId, next],
    );
  }

  async markOverdue(
    tx: EntityManager,
    deadlineId: string,
    now: Date,
  ): Promise<void> {
    await sql(
      tx,
      `UPDATE deadline SET status = 'overdue', updated_at = $2 WHERE id = $1`,
      [deadlineId, now],
    );
  }
}
