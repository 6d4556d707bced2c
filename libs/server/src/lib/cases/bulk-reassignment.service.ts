import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { BulkReassignResult, ReassignmentPreview } from '@send/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import type { Actor } from '../identity/actor';
import { rolledBackOnFailure } from '../http/write-outcome';
import { CaseCommandService } from './case-command.service';
import type { BulkReassignDto } from './bulk-reassignment.dto';
import {
  ReassignmentRepository,
  type StaffRow,
} from './reassignment.repository';

/** Who can hold cases: caseworkers and managers. */
const HOLDS_CASES = new Set(['caseworker', 'manager']);

/**
 * Bulk reassignment: a caseworker leaves, and a manager moves their cases (each with its open
 * deadlines) to other caseworkers of the team, with one reason. Every case's move is the existing
 * `case.reassigned` event, recorded through the one case write path (`CaseCommandService`), and
 * every move is in one transaction: if any case cannot move, none does.
 */
@Injectable()
export class BulkReassignmentService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: ReassignmentRepository,
    private readonly commands: CaseCommandService,
    private readonly clock: Clock,
  ) {}

  /** The leaver, who must be of the manager's team (disabled or not). */
  private async leaver(actor: Actor, id: string): Promise<StaffRow> {
    const from = await this.repo.staff(id);
    if (!from)
      throw new NotFoundException(
        'There is no member of staff with that id: choose the caseworker from your team.',
      );
    if (from.team !== actor.team)
      throw new ForbiddenException(
        `You can move the cases of your own team (${actor.team}) only.`,
      );
    return from;
  }

  async preview(actor: Actor, fromId: string): Promise<ReassignmentPreview> {
    const from = await this.leaver(actor, fromId);
    const [cases, staff] = await Promise.all([
      this.repo.heldCases(from.id, actor.team, this.clock.today()),
      this.repo.teamStaff(actor.team),
    ]);
    return {
      from: { id: from.id, name: from.name, team: from.team },
      cases: cases.map((c) => ({
        caseId: c.id,
        reference: c.reference,
        childName: c.child_name,
        stage: c.stage,
        version: c.version,
        openDeadlines: c.open_deadlines,
        overdueDeadlines: c.overdue_deadlines,
        nextDueOn: c.next_due_on,
      })),
      candidates: staff
        .filter((s) => s.id !== from.id && HOLDS_CASES.has(s.role))
        .map((s) => ({ id: s.id, name: s.name, role: s.role })),
    };
  }

  async move(actor: Actor, body: BulkReassignDto): Promise<BulkReassignResult> {
    const reason = body.reason.trim();
    if (!reason)
      throw new BadRequestException(
        'Give the reason the cases move (for example, the caseworker has left): it is kept in each case history.',
      );
    const targetIds =
      body.staffUserId !== undefined && body.spreadAcross === undefined
        ? [body.staffUserId]
        : body.staffUserId === undefined && body.spreadAcross !== undefined
          ? body.spreadAcross
          : undefined;
    if (!targetIds)
      throw new BadRequestException(
        'Choose one caseworker to take every case, or several to share them, not both.',
      );
    const from = await this.leaver(actor, body.fromStaffUserId);
    const targets: StaffRow[] = [];
    for (const id of targetIds) {
      const to = await this.repo.staff(id);
      if (
        !to ||
        !to.active ||
        !HOLDS_CASES.has(to.role) ||
        to.team !== actor.team
      )
        throw new BadRequestException(
          'Each person who takes cases must be an active caseworker or manager in your team: choose them from the list.',
        );
      if (to.id === from.id)
        throw new BadRequestException(
          `${from.name}'s cases must move to someone else: choose another caseworker.`,
        );
      targets.push(to);
    }
    // Dealt out in turn in the order given; locked in the order of their ids (no deadlock between two moves).
    const targetOf = new Map(
      body.caseIds.map((id, i) => [id, targets[i % targets.length]!]),
    );
    const today = this.clock.today();
    const correlationId = randomUUID();
    return rolledBackOnFailure(() =>
      this.db.transaction(async (tx) => {
        const openDeadlinesMoved = await this.repo.liveDeadlines(
          tx,
          body.caseIds,
        );
        const moved: BulkReassignResult['moved'] = [];
        for (const caseId of [...body.caseIds].sort()) {
          const to = targetOf.get(caseId)!;
          let reference = '';
          const { sequence } = await this.commands.recordIn(
            tx,
            caseId,
            async (locked) => {
              const held = await this.repo.holder(locked, caseId);
              if (!held || held.team !== actor.team)
                throw new NotFoundException(
                  'One of the cases chosen is not in your team: nothing was moved. Go back and choose the cases again.',
                );
              if (held.caseworker_id !== from.id)
                throw new BadRequestException(
                  `Case ${held.reference} is no longer ${from.name}'s (it may have been moved already): nothing was moved. Go back and choose the cases again.`,
                );
              reference = held.reference;
              return {
                type: 'case.reassigned',
                caseworker: to.name,
                team: to.team,
                reassignedOn: today,
              };
            },
            actor,
            { reason, caseworkerId: to.id, correlationId },
          );
          moved.push({ caseId, reference, to: to.name, sequence });
        }
        moved.sort((a, b) => a.reference.localeCompare(b.reference));
        return { moved, openDeadlinesMoved };
      }),
    );
  }
}
