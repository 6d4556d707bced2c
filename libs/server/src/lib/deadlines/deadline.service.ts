import { Injectable } from '@nestjs/common';
import type {
  DeadlineFilter,
  DeadlineQuery,
  DeadlineView,
} from '@send/contracts';
import { deadlineView, dueSoonUntil } from '@send/domain';
import { Clock } from '../clock/clock';
import { StaffRepository } from '../auth/staff.repository';
import {
  type DeadlineRecord,
  DeadlineRepository,
  type DeadlineWithCase as DeadlineRow,
} from './deadline.repository';

/** Dates (YYYY-MM-DD) and lower-case uuids compared as text: the order PostgreSQL sorts the date and uuid columns in. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Days ahead (today included) in which an open deadline counts as due soon (the domain's). */
export { DUE_SOON_DAYS } from '@send/domain';

/** What `list` narrows and orders by, besides the status filter: `ownerId` is the owner's staff id. */
export type DeadlineListOptions = Omit<DeadlineQuery, 'filter' | 'owner'> & {
  ownerId?: string;
};

@Injectable()
export class DeadlineService {
  constructor(
    private readonly deadlines: DeadlineRepository,
    private readonly staff: StaffRepository,
    private readonly clock: Clock,
  ) {}

  /** Deadlines across cases. Dashboards read PostgreSQL only: an open deadline past its date is overdue even if no job has fired. */
  async list(
    filter: DeadlineFilter,
    team: string | null = null,
    options: DeadlineListOptions = {},
  ): Promise<DeadlineView[]> {
    const today = this.clock.today();
    const rows = await this.deadlines.list({
      filter,
      today,
      dueSoonUntil: dueSoonUntil(today),
      team,
      ...options,
    });
    return this.views(rows, today);
  }

  /**
   * A case's deadlines from its rows (as its page reads them, or as a write left them), each
   * escalating to `escalatesTo`: by due date, then id, as every list orders them.
   */
  caseViews(
    c: { reference: string; childName: string },
    rows: readonly DeadlineRecord[],
    escalatesTo: string[],
  ): DeadlineView[] {
    const today = this.clock.today();
    return [...rows]
      .sort((a, b) => compare(a.dueOn, b.dueOn) || compare(a.id, b.id))
      .map((d) =>
        this.toView(
          { ...d, case: { reference: c.reference, childName: c.childName } },
          today,
          escalatesTo,
        ),
      );
  }

  private async views(
    rows: DeadlineRow[],
    today: string,
  ): Promise<DeadlineView[]> {
    if (rows.length === 0) return [];
    const managers = await this.staff.activeManagers([
      ...new Set(rows.map((d) => d.case.team)),
    ]);
    const managersOf = (team: string) =>
      managers.filter((m) => m.team === team).map((m) => m.name);
    return rows.map((d) => this.toView(d, today, managersOf(d.case.team)));
  }

  /** The view of a deadline every list returns: the domain's, with the managers it escalates to. */
  private toView(
    d: DeadlineRecord & { case: { reference: string; childName: string } },
    today: string,
    escalatesTo: string[],
  ): DeadlineView {
    return deadlineView(
      {
        ...d,
        caseReference: d.case.reference,
        childName: d.case.childName,
        timedFrom: Clock.londonDate(d.timingFrom),
      },
      today,
      escalatesTo,
    );
  }
}
