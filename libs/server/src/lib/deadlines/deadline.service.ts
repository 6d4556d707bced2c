import { Injectable } from '@nestjs/common';
import type {
  DeadlineFilter,
  DeadlineQuery,
  DeadlineStatus,
  DeadlineView,
} from '@send/contracts';
import { RULES } from '@send/domain';
import { addDays, format } from 'date-fns';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { StaffRepository } from '../auth/staff.repository';
import {
  DeadlineRepository,
  type DeadlineWithCase as DeadlineRow,
} from './deadline.repository';
import { displayStatus } from './display-status';
import { remindsStaff } from './reminder-schedule';

/** Days ahead (today included) in which an open deadline counts as due soon. */
export const DUE_SOON_DAYS = 10;

const RULE_TITLES = new Map<string, string>(RULES.map((r) => [r.id, r.title]));

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
      dueSoonUntil: this.dateAfter(today, DUE_SOON_DAYS - 1),
      team,
      ...options,
    });
    return this.views(rows, today);
  }

  /** A case's deadlines; through `manager` to see a transaction's uncommitted changes (a dry run). */
  async forCase(
    caseId: string,
    manager?: EntityManager,
  ): Promise<DeadlineView[]> {
    return this.views(
      await this.deadlines.forCase(caseId, manager),
      this.clock.today(),
    );
  }

  private async views(
    rows: DeadlineRow[],
    today: string,
  ): Promise<DeadlineView[]> {
    const managers = await this.staff.activeManagers();
    const managersOf = (team: string) =>
      managers.filter((m) => m.team === team).map((m) => m.name);
    return rows.map((d) => this.toView(d, today, managersOf(d.case.team)));
  }

  private toView(
    d: DeadlineRow,
    today: string,
    escalatesTo: string[],
  ): DeadlineView {
    const status: DeadlineStatus =
      d.status === 'open' && d.dueOn < today ? 'overdue' : d.status;
    return {
      id: d.id,
      caseId: d.caseId,
      caseReference: d.case.reference,
      childName: d.case.childName,
      ruleId: d.ruleId,
      ruleTitle: RULE_TITLES.get(d.ruleId) ?? d.ruleId,
      rulesetVersion: d.rulesetVersion,
      dueOn: d.dueOn,
      explanation: d.explanation,
      status,
      displayStatus: displayStatus(
        { status, dueOn: d.dueOn, extended: d.extensions.length > 0 },
        today,
        this.dateAfter(today, DUE_SOON_DAYS - 1),
      ),
      ...(d.metOn ? { metOn: d.metOn, metOnTime: d.metOn <= d.dueOn } : {}),
      ...(d.cancelledReason ? { cancelledReason: d.cancelledReason } : {}),
      ...(d.responsibleBody ? { responsibleBody: d.responsibleBody } : {}),
      dutyHolder: d.dutyHolder,
      ...(d.extensions.length
        ? {
            extensions: d.extensions.map(
              ({ fromDueOn, toDueOn, reason, agreedBy, ground }) => ({
                fromDueOn,
                toDueOn,
                reason,
                agreedBy,
                ...(ground ? { ground } : {}),
              }),
            ),
          }
        : {}),
      ...((d.status === 'open' || d.status === 'overdue') &&
      d.dueOn < Clock.londonDate(d.timingFrom)
        ? { pastWhenRecorded: true as const }
        : {}),
      subjectId: d.subjectId,
      owner: d.owner,
      escalatesTo,
      remindsStaff: remindsStaff(d.dutyHolder),
    };
  }

  private dateAfter(isoDate: string, days: number): string {
    return format(addDays(`${isoDate}T12:00:00Z`, days), 'yyyy-MM-dd');
  }
}
