import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { correctionOf } from '@send/domain';
import type { Actor } from '../identity/actor';
import { Clock } from '../clock/clock';
import { StaffRepository } from '../auth/staff.repository';
import type { VersionedDto } from '../http/common.dto';
import type { CaseDetail, ExtensionGroundId } from '@send/contracts';
import {
  CaseCommandService,
  type EventSource,
  type RecordedEvent,
  type RecordOptions,
} from './case-command.service';
import { CaseQueryService } from './case-query.service';
import { LedgerRepository } from './ledger.repository';
import {
  rolledBackOnFailure,
  type SavedEntry,
  showSaved,
} from '../http/write-outcome';
import type {
  CorrectEventDto,
  OpenCaseDto,
  ReassignCaseDto,
} from './dto/case.dto';

/**
 * Turns validated requests into case events and records them. Where a request names something
 * kept outside the case (a member of staff, a deadline), it is looked up here
 * so that the event carries what was true when it was recorded.
 */
/** An extension of a deadline as the request gives it (ExtendDeadlineDto, validated by the deadline routes). */
export type DeadlineExtensionRequest = VersionedDto & {
  toDueOn: string;
  ground: ExtensionGroundId;
  reason: string;
  agreedBy: string;
};

@Injectable()
export class CaseWriteService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly ledger: LedgerRepository,
    private readonly commands: CaseCommandService,
    private readonly queries: CaseQueryService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records the event, then answers the case as it now stands; for a dry run (`body.dryRun`), the
   * case as it would stand, with nothing saved. A failure says whether the entry was saved (see
   * write-outcome.ts).
   */
  async recordAndShow(
    caseId: string,
    body: VersionedDto & { reason?: string },
    event: EventSource,
    actor: Actor,
    extra: Pick<RecordOptions, 'caseworkerId'> = {},
  ): Promise<CaseDetail> {
    const options = { ...this.optionsOf(body), ...extra };
    if (body.dryRun) {
      const preview = await rolledBackOnFailure(() =>
        this.commands.dryRun(caseId, event, actor, options, (_tx, recorded) =>
          this.queries.detailOf(recorded.page),
        ),
      );
      return { ...preview, dryRun: true };
    }
    return this.answer(
      await rolledBackOnFailure(() =>
        this.commands.record(caseId, event, actor, options),
      ),
    );
  }

  /** The case as it stands after a committed write; if it cannot be read, the failure still says what was saved. */
  show(saved: SavedEntry): Promise<CaseDetail> {
    return showSaved(saved, () => this.queries.detail(saved.caseId));
  }

  /**
   * The case as a committed write left it (RecordedEvent.page: nothing read again); if it cannot be
   * shown, the failure still says what was saved.
   */
  private answer(recorded: RecordedEvent): Promise<CaseDetail> {
    return showSaved(recorded, async () =>
      this.queries.detailOf(recorded.page),
    );
  }

  /** Opens a case and answers it (its opening is event 1, version 1). */
  async openAndShow(body: OpenCaseDto, actor: Actor): Promise<CaseDetail> {
    return this.answer(await rolledBackOnFailure(() => this.open(body, actor)));
  }

  private optionsOf(body: VersionedDto & { reason?: string }): RecordOptions {
    return {
      expectedVersion: body.expectedVersion,
      ...(body.reason?.trim() ? { reason: body.reason.trim() } : {}),
    };
  }

  open(body: OpenCaseDto, actor: Actor): Promise<RecordedEvent> {
    return this.commands.open(
      {
        type: 'case.opened',
        reference: body.reference,
        childName: body.childName.trim(),
        dateOfBirth: body.dateOfBirth,
        caseworker: actor.name,
        team: actor.team,
        openedOn: this.clock.today(),
      },
      actor,
    );
  }

  async reassign(
    caseId: string,
    body: ReassignCaseDto,
    actor: Actor,
  ): Promise<CaseDetail> {
    const to = await this.staff.findActive(body.staffUserId);
    // A manager reassigns within the teams they manage (their own team).
    if (
      !to ||
      (to.role !== 'caseworker' && to.role !== 'manager') ||
      to.team !== actor.team
    ) {
      throw new BadRequestException(
        'staffUserId must be an active caseworker or manager in your team.',
      );
    }
    return this.recordAndShow(
      caseId,
      body,
      {
        type: 'case.reassigned',
        caseworker: to.name,
        team: to.team,
        reassignedOn: this.clock.today(),
      },
      actor,
      { caseworkerId: to.id },
    );
  }

  /**
   * Extends a deadline under a statutory exception: an event with the reason and who agreed it.
   * The deadline is read under a row lock once the case is locked, so two extensions sent at once
   * cannot both start from the same due date.
   */
  async extendDeadline(
    deadlineId: string,
    body: DeadlineExtensionRequest,
    actor: Actor,
  ): Promise<CaseDetail> {
    const caseId = await this.ledger.caseIdOf(deadlineId);
    if (caseId === undefined)
      throw new NotFoundException(
        `There is no deadline with id ${deadlineId}.`,
      );
    return this.recordAndShow(
      caseId,
      body,
      async (tx) => {
        const d = await this.ledger.lock(tx, deadlineId);
        if (!d)
          throw new NotFoundException(
            `There is no deadline with id ${deadlineId}.`,
          );
        if (d.status !== 'open' && d.status !== 'overdue') {
          throw new ConflictException(
            `This deadline is ${d.status}: only an open or overdue deadline can be extended.`,
          );
        }
        if (body.toDueOn <= d.dueOn) {
          throw new BadRequestException(
            `toDueOn must be after the current due date (${d.dueOn}).`,
          );
        }
        return {
          type: 'deadline.extended',
          deadlineId: d.id,
          ruleId: d.ruleId,
          subjectId: d.subjectId,
          fromDueOn: d.dueOn,
          toDueOn: body.toDueOn,
          ground: body.ground,
          reason: body.reason,
          agreedBy: body.agreedBy,
          extendedOn: this.clock.today(),
        };
      },
      actor,
    );
  }

  /**
   * Corrects facts of the event at `sequence` in the case's history: a new event that points to
   * it; the case and its deadlines become what the corrected history gives.
   */
  correct(
    caseId: string,
    sequence: number,
    body: CorrectEventDto,
    actor: Actor,
  ): Promise<CaseDetail> {
    return this.recordAndShow(
      caseId,
      body,
      async (tx) =>
        correctionOf(
          await this.commands.historyOf(tx, caseId),
          sequence,
          body.changes,
          this.clock.today(),
        ),
      actor,
    );
  }
}
