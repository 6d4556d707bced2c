import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { sql } from '../db/sql';
import { escalationManagerSql, markedOverdueSql } from '../db/deadline-sql';

/** The id of a case's caseworker when they are an active member of staff of the case's team (`c`: the case). */
export const CASEWORKER_STAFF_ID =
  '(SELECT s.id FROM staff_user s WHERE s.id = c.caseworker_id AND s.active AND s.team = c.team)';

/** When a notification to `recipient` is to be emailed: now when they have an email address, else never. */
export const emailDueFor = (recipient: string) =>
  `(SELECT CASE WHEN s.email IS NOT NULL THEN now() END FROM staff_user s WHERE s.id = ${recipient})`;

/** The overdue deadlines a digest lists (the statutory ones: the council's, the ICB's, social care's). */
const OVERDUE = `
  SELECT d.id, d.case_id AS "caseId", c.reference, d.rule_id AS "ruleId", d.due_on::text AS "dueOn", d.responsible_body AS "responsibleBody",
         c.caseworker, c.caseworker_id AS "caseworkerId", c.team
  FROM deadline d JOIN "case" c ON c.id = d.case_id
  WHERE ${markedOverdueSql('d')} AND d.duty_holder IN ('council', 'icb', 'council_social_care')`;

/** One overdue deadline in a digest. */
export interface DigestLine {
  id: string;
  caseId: string;
  reference: string;
  ruleId: string;
  dueOn: string;
  responsibleBody: string | null;
  caseworker: string;
  caseworkerId: string | null;
  team: string;
}

/** Who a digest may go to: a caseworker of overdue deadlines (`caseworker`: their id) or a manager of a team that has some. */
export interface DigestRecipientRow {
  id: string | null;
  caseworker: string | null;
  team: string;
  manager: boolean;
}

/** A notification claimed for emailing. */
export interface ClaimedEmail {
  id: string;
  title: string;
  body: string;
  email: string | null;
  attempts: number;
}

/** A notification as its recipient lists it. */
export interface NotificationRow {
  id: string;
  kind: 'reminder' | 'escalation' | 'digest';
  point: string;
  forDate: string;
  deadlineId: string | null;
  caseId: string | null;
  dueOn: string | null;
  title: string;
  body: string;
  createdAt: Date;
  emailed: boolean;
  /** When its recipient marked it read in the app; null while unread. */
  readAt: Date | null;
}

/**
 * `notification`: deadline reminders (in the deadline action's transaction), the daily digests,
 * the email queue (claimed with FOR UPDATE SKIP LOCKED and a lease), and each member of staff's list.
 */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A reminder to the case's caseworker (once per deadline, point and day); answers whether it was written. */
  async insertReminder(
    tx: EntityManager,
    r: {
      deadlineId: string;
      caseId: string;
      point: string;
      forDate: string;
      dueOn: string;
      title: string;
      body: string;
    },
  ): Promise<boolean> {
    const rows = await sql(
      tx,
      `WITH owner AS (SELECT ${CASEWORKER_STAFF_ID} AS id FROM "case" c WHERE c.id = $2)
       INSERT INTO notification (recipient_id, deadline_id, case_id, kind, point, for_date, due_on, title, body, email_next_attempt_at)
       SELECT owner.id, $1, $2, 'reminder', $3, $4, $5, $6, $7, ${emailDueFor('owner.id')} FROM owner WHERE owner.id IS NOT NULL
       ON CONFLICT (deadline_id, recipient_id, point, for_date) DO NOTHING RETURNING id`,
      [r.deadlineId, r.caseId, r.point, r.forDate, r.dueOn, r.title, r.body],
    );
    return rows.length > 0;
  }

  /** The case's caseworker when an active member of staff of its team (see CASEWORKER_STAFF_ID). */
  async caseworkerOf(
    tx: EntityManager,
    caseId: string,
  ): Promise<string | null> {
    const [row] = await sql<{ id: string | null }>(
      tx,
      `SELECT ${CASEWORKER_STAFF_ID} AS id FROM "case" c WHERE c.id = $1`,
      [caseId],
    );
    return row?.id ?? null;
  }

  // --- The daily digest ---

  digestRecipients(): Promise<DigestRecipientRow[]> {
    return sql(
      this.db,
      `WITH overdue AS (${OVERDUE}),
            owners AS (SELECT DISTINCT "caseworkerId", team FROM overdue)
       -- a case's caseworker by id: an active member of staff of the case's team (see CASEWORKER_STAFF_ID)
       SELECT s.id, s.id AS caseworker, o.team, false AS manager FROM owners o JOIN staff_user s ON s.id = o."caseworkerId" AND s.active AND s.team = o.team
       UNION ALL
       SELECT s.id, NULL, s.team, true FROM staff_user s
       WHERE ${escalationManagerSql('s', 'IN (SELECT DISTINCT team FROM overdue)')}`,
    );
  }

  /** Who already has the digest of `date`. */
  async digestSentTo(date: string): Promise<Set<string>> {
    const rows = await sql<{ recipient_id: string }>(
      this.db,
      `SELECT recipient_id FROM notification WHERE kind = 'digest' AND for_date = $1`,
      [date],
    );
    return new Set(rows.map((r) => r.recipient_id));
  }

  /** The overdue deadlines of these caseworkers (by id) or teams, the longest overdue first. */
  overdueFor(caseworkerIds: string[], teams: string[]): Promise<DigestLine[]> {
    return sql(
      this.db,
      `SELECT * FROM (${OVERDUE}) o
       WHERE o."caseworkerId" = ANY($1::uuid[]) OR o.team = ANY($2::text[])
       ORDER BY o."dueOn", o.reference, o."ruleId"`,
      [caseworkerIds, teams],
    );
  }

  /** Writes digests (one per recipient and day); answers how many were new. */
  async insertDigests(
    date: string,
    digests: readonly { recipientId: string; title: string; body: string }[],
  ): Promise<number> {
    if (digests.length === 0) return 0;
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const d of digests) {
      const n = values.length;
      tuples.push(
        `($${n + 1}::uuid, 'digest', 'digest', $${n + 2}::date, $${n + 3}, $${n + 4}, ${emailDueFor(`$${n + 1}::uuid`)})`,
      );
      values.push(d.recipientId, date, d.title, d.body);
    }
    const inserted = await sql(
      this.db,
      `INSERT INTO notification (recipient_id, kind, point, for_date, title, body, email_next_attempt_at)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (recipient_id, for_date) WHERE kind = 'digest' DO NOTHING RETURNING id`,
      values,
    );
    return inserted.length;
  }

  // --- The email queue ---

  /** Claims up to `limit` emails that are due, for `leaseMs` (counted as an attempt), SKIP LOCKED. */
  claimEmails(limit: number, leaseMs: number): Promise<ClaimedEmail[]> {
    return sql(
      this.db,
      `UPDATE notification n SET email_next_attempt_at = now() + $2 * interval '1 ms', email_attempts = n.email_attempts + 1
       FROM (SELECT id FROM notification WHERE emailed_at IS NULL AND email_next_attempt_at <= now()
             ORDER BY email_next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) due
       WHERE n.id = due.id
       RETURNING n.id, n.title, n.body, n.email_attempts AS attempts, (SELECT s.email FROM staff_user s WHERE s.id = n.recipient_id) AS email`,
      [limit, leaseMs],
    );
  }

  /** Puts a claimed email back, untried (not an attempt), for `afterMs`. */
  async putBack(id: string, afterMs: number): Promise<void> {
    await sql(
      this.db,
      `UPDATE notification SET email_next_attempt_at = now() + $2 * interval '1 ms', email_attempts = email_attempts - 1 WHERE id = $1`,
      [id, afterMs],
    );
  }

  async markNoAddress(id: string): Promise<void> {
    await sql(
      this.db,
      `UPDATE notification SET email_next_attempt_at = NULL, email_last_error = 'no email address' WHERE id = $1`,
      [id],
    );
  }

  async markFailed(
    id: string,
    retryAfterMs: number,
    error: string,
  ): Promise<void> {
    await sql(
      this.db,
      `UPDATE notification SET email_next_attempt_at = now() + $2 * interval '1 ms', email_last_error = $3 WHERE id = $1`,
      [id, retryAfterMs, error],
    );
  }

  async markEmailed(id: string): Promise<void> {
    await sql(
      this.db,
      `UPDATE notification SET emailed_at = now(), email_next_attempt_at = NULL, email_last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  // --- Reads ---

  /** A member of staff's notifications, newest first (the latest 200). */
  forRecipient(recipientId: string | null): Promise<NotificationRow[]> {
    return sql(
      this.db,
      `SELECT id, kind, point, for_date::text AS "forDate", deadline_id AS "deadlineId", case_id AS "caseId",
              due_on::text AS "dueOn", title, body, created_at AS "createdAt", emailed_at IS NOT NULL AS emailed,
              read_at AS "readAt"
       FROM notification WHERE recipient_id = $1 ORDER BY created_at DESC, id LIMIT 200`,
      [recipientId],
    );
  }

  /** How many of a member of staff's notifications are unread: one count over the partial index `notification_unread`. */
  async unreadCount(recipientId: string | null): Promise<number> {
    const [row] = await sql<{ unread: number }>(
      this.db,
      `SELECT count(*)::int AS unread FROM notification WHERE recipient_id = $1 AND read_at IS NULL`,
      [recipientId],
    );
    return row?.unread ?? 0;
  }

  /** Marks one of the member of staff's notifications read (false: they have none with that id). */
  async markRead(
    recipientId: string | null,
    id: string,
    at: Date,
  ): Promise<boolean> {
    const rows = await sql<{ id: string }>(
      this.db,
      `UPDATE notification SET read_at = coalesce(read_at, $3) WHERE id = $2 AND recipient_id = $1 RETURNING id`,
      [recipientId, id, at],
    );
    return rows.length > 0;
  }

  /** Marks every unread notification of the member of staff read; answers how many. */
  async markAllRead(recipientId: string | null, at: Date): Promise<number> {
    const rows = await sql<{ id: string }>(
      this.db,
      `UPDATE notification SET read_at = $2 WHERE recipient_id = $1 AND read_at IS NULL RETURNING id`,
      [recipientId, at],
    );
    return rows.length;
  }
}
