import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sql } from '../db/sql';

/**
 * The session guard's reads: which team a case, or a deadline's case, belongs to (a route about
 * one case answers 404 outside the caller's team). Undefined: no such case or deadline.
 */
@Injectable()
export class CaseScopeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async teamOfCase(caseId: string): Promise<string | undefined> {
    const [row] = await sql<{ team: string }>(
      this.db,
      `SELECT team FROM "case" WHERE id = $1`,
      [caseId],
    );
    return row?.team;
  }

  async teamOfDeadline(deadlineId: string): Promise<string | undefined> {
    const [row] = await sql<{ team: string }>(
      this.db,
      `SELECT c.team FROM deadline d JOIN "case" c ON c.id = d.case_id WHERE d.id = $1`,
      [deadlineId],
    );
    return row?.team;
  }
}
