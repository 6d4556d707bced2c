import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Db, sql } from '../db/sql';
import { liveSql, overdueDutySql } from '../db/deadline-sql';

/** A member of staff as a bulk reassignment needs them: a leaver may already be disabled. */
export interface StaffRow {
  id: string;
  name: string;
  role: string;
  team: string;
  active: boolean;
}

/** One of a caseworker's cases, with its deadlines still to be done. */
export interface HeldCaseRow {
  id: string;
  reference: string;
  child_name: string;
  stage: string;
  version: number;
  open_deadlines: number;
  overdue_deadlines: number;
  next_due_on: string | null;
}

/** Who holds a case now, read under the case's row lock. */
export interface HolderRow {
  id: string;
  reference: string;
  team: string;
  caseworker_id: string | null;
}

/** The SQL of moving a caseworker's cases to others (bulk reassignment): what they hold, and who holds each case. */
@Injectable()
export class ReassignmentRepository {
  constructor(private readonly db: DataSource) {}

  /** A member of staff by id, active or not. */
  async staff(id: string): Promise<StaffRow | undefined> {
    const [row] = await sql<StaffRow>(
      this.db,
      `SELECT id, name, role, team, active FROM staff_user WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** The active staff of a team, by name. */
  async teamStaff(team: string): Promise<StaffRow[]> {
    return sql<StaffRow>(
      this.db,
      `SELECT id, name, role, team, active FROM staff_user WHERE active AND team = $1 ORDER BY name`,
      [team],
    );
  }

  /**
   * The cases a member of staff holds in a team (by `caseworker_id`), by reference, each with its
   * live deadlines counted (every one moves with the case) and, of those, the duties overdue (by
   * the one overdue test, `deadline-sql.ts`: a family's own time limit is not overdue).
   */
  async heldCases(
    staffId: string,
    team: string,
    today: string,
    db: Db = this.db,
  ): Promise<HeldCaseRow[]> {
    return sql<HeldCaseRow>(
      db,
      `SELECT c.id, c.reference, c.child_name, c.stage, c.version,
              count(d.id) FILTER (WHERE ${liveSql('d')})::int AS open_deadlines,
              count(d.id) FILTER (WHERE ${overdueDutySql('d', '$3::date')})::int AS overdue_deadlines,
              (min(d.due_on) FILTER (WHERE ${liveSql('d')}))::text AS next_due_on
       FROM "case" c LEFT JOIN deadline d ON d.case_id = c.id
       WHERE c.caseworker_id = $1 AND c.team = $2
       GROUP BY c.id ORDER BY c.reference`,
      [staffId, team, today],
    );
  }

  /** Who holds a case, once its row is locked (by the case write path) in the transaction. */
  async holder(
    tx: EntityManager,
    caseId: string,
  ): Promise<HolderRow | undefined> {
    const [row] = await sql<HolderRow>(
      tx,
      `SELECT id, reference, team, caseworker_id FROM "case" WHERE id = $1`,
      [caseId],
    );
    return row;
  }

  /** How many live deadlines the cases have (they move with their case). */
  async liveDeadlines(
    tx: EntityManager,
    caseIds: readonly string[],
  ): Promise<number> {
    const [row] = await sql<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM deadline d WHERE d.case_id = ANY($1::uuid[]) AND ${liveSql('d')}`,
      [caseIds],
    );
    return row?.n ?? 0;
  }
}
