import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseEvent } from '@send/domain';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Clock } from '../clock/clock';
import { DeadlineEntity, MediationProviderEntity, StaffUserEntity } from '../db/entities';
import type { ExtendDeadlineDto } from '../appeals/appeal.dto';
import type { VersionedDto } from '../http/common.dto';
import type { AdviserContactedDto } from '../mediation/mediation.dto';
import type { CaseDetail } from '@send/contracts';
import { CaseCommandService, type RecordedEvent } from './case-command.service';
import { CaseQueryService } from './case-query.service';
import type { OpenCaseDto, ReassignCaseDto } from './dto/case.dto';

/**
 * Turns validated requests into case events and records them. Where a request names something
 * kept outside the case (a member of staff, a mediation provider, a deadline), it is looked up here
 * so that the event carries what was true when it was recorded.
 */
@Injectable()
export class CaseWriteService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly commands: CaseCommandService,
    private readonly queries: CaseQueryService,
    private readonly clock: Clock,
  ) {}

  /** Records the event, then answers the case as it now stands. */
  async recordAndShow(caseId: string, body: VersionedDto & { reason?: string }, event: CaseEvent, actor: Actor): Promise<CaseDetail> {
    await this.record(caseId, body, event, actor);
    return this.queries.detail(caseId);
  }

  open(body: OpenCaseDto, actor: Actor): Promise<string> {
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

  /** Records an event built from a versioned request. */
  record(caseId: string, body: VersionedDto & { reason?: string }, event: CaseEvent, actor: Actor): Promise<RecordedEvent> {
    return this.commands.record(caseId, event, actor, {
      expectedVersion: body.expectedVersion,
      ...(body.reason ? { reason: body.reason } : {}),
    });
  }

  async reassign(caseId: string, body: ReassignCaseDto, actor: Actor): Promise<RecordedEvent> {
    const to = await this.db.getRepository(StaffUserEntity).findOneBy({ id: body.staffUserId, active: true });
    // A manager reassigns within the teams they manage (their own team).
    if (!to || (to.role !== 'caseworker' && to.role !== 'manager') || to.team !== actor.team) {
      throw new BadRequestException('staffUserId must be an active caseworker or manager in your team.');
    }
    return this.record(caseId, body, { type: 'case.reassigned', caseworker: to.name, team: to.team, reassignedOn: this.clock.today() }, actor);
  }

  async adviserContacted(caseId: string, mediationId: string, body: AdviserContactedDto, actor: Actor): Promise<RecordedEvent> {
    const provider = await this.db.getRepository(MediationProviderEntity).findOneBy({ id: body.providerId, active: true });
    if (!provider) throw new BadRequestException('providerId must be an active mediation provider (see GET /api/mediation-providers).');
    return this.record(
      caseId,
      body,
      {
        type: 'mediation.adviser_contacted',
        mediationId,
        decisionId: body.decisionId,
        providerName: provider.name,
        contactedOn: body.contactedOn,
        healthInIssue: body.healthInIssue,
        socialCareInIssue: body.socialCareInIssue,
      },
      actor,
    );
  }

  /** Extends a deadline under a statutory exception: an event with the reason and who agreed it. */
  async extendDeadline(deadlineId: string, body: ExtendDeadlineDto, actor: Actor): Promise<{ caseId: string }> {
    const d = await this.db.getRepository(DeadlineEntity).findOneBy({ id: deadlineId });
    if (!d) throw new NotFoundException(`There is no deadline with id ${deadlineId}.`);
    if (d.status !== 'open' && d.status !== 'overdue') {
      throw new BadRequestException(`This deadline is ${d.status}: only an open or overdue deadline can be extended.`);
    }
    if (body.toDueOn <= d.dueOn) {
      throw new BadRequestException(`toDueOn must be after the current due date (${d.dueOn}).`);
    }
    await this.record(
      d.caseId,
      { ...body },
      {
        type: 'deadline.extended',
        deadlineId: d.id,
        ruleId: d.ruleId,
        subjectId: d.subjectId,
        fromDueOn: d.dueOn,
        toDueOn: body.toDueOn,
        reason: body.reason,
        agreedBy: body.agreedBy,
        extendedOn: this.clock.today(),
      },
      actor,
    );
    return { caseId: d.caseId };
  }
}
