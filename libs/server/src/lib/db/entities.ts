import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type {
  CaseStage,
  DeadlineStatus,
  DutyHolder,
  ExtensionGroundId,
  ResponsibleBody,
  Role,
} from '@send/contracts';
import type { CaseSnapshot } from '@send/domain';

/*
 * Table mappings. The schema itself is made by the SQL migrations in /migrations; these classes
 * only map it. SQL `date` columns are read as 'YYYY-MM-DD' strings (see database.module.ts).
 */

@Entity({ name: 'staff_user' })
export class StaffUserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') role!: Role;
  @Column('text') team!: string;
  @Column('boolean') active!: boolean;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', {
    name: 'calendar_feed_token_hash',
    nullable: true,
    select: false,
  })
  calendarFeedTokenHash!: string | null;
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash!: string | null;
  @Column('text', { name: 'oidc_subject', nullable: true }) oidcSubject!:
    | string
    | null;
  @Column('integer', { name: 'failed_sign_ins', default: 0 })
  failedSignIns!: number;
  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;
  /** A demo account (made by the seed command): never signed in by a production API. */
  @Column('boolean', { default: false }) demo!: boolean;
  /** The password was set by an administrator: a session signed in with it may only set a new one. */
  @Column('boolean', { name: 'password_change_required', default: false })
  passwordChangeRequired!: boolean;
}

@Entity({ name: 'case' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') reference!: string;
  @Column('text', { name: 'child_name' }) childName!: string;
  @Column('date', { name: 'date_of_birth' }) dateOfBirth!: string;
  @Column('text') caseworker!: string;
  /** The member of staff who holds the case (`caseworker` is their name, as shown). */
  @Column('uuid', { name: 'caseworker_id', nullable: true }) caseworkerId!:
    | string
    | null;
  @Column('text') team!: string;
  @Column('text') stage!: CaseStage;
  @Column('integer') version!: number;
  @Column('jsonb') snapshot!: CaseSnapshot;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}

@Entity({ name: 'case_event' })
export class CaseEventEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('integer') sequence!: number;
  @Column('text') type!: string;
  @Column('integer', { name: 'payload_version' }) payloadVersion!: number;
  @Column('jsonb') payload!: object;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_name' }) actorName!: string;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('text', { name: 'on_behalf_of', nullable: true }) onBehalfOf!:
    | string
    | null;
  @Column('date', { name: 'business_date' }) businessDate!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('text') summary!: string;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('text', { name: 'stage_before', nullable: true }) stageBefore!:
    | string
    | null;
  @Column('text', { name: 'stage_after' }) stageAfter!: string;
  @Column('uuid', { name: 'correlation_id' }) correlationId!: string;
  @Column('uuid', { name: 'corrects_event_id', nullable: true })
  correctsEventId!: string | null;
  @Column('text', { name: 'previous_hash', nullable: true }) previousHash!:
    | string
    | null;
  @Column('text') hash!: string;
}

@Entity({ name: 'deadline' })
export class DeadlineEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text', { name: 'rule_id' }) ruleId!: string;
  @Column('text', { name: 'subject_id' }) subjectId!: string;
  @Column('text', { name: 'ruleset_version' }) rulesetVersion!: string;
  @Column('jsonb') facts!: Record<string, string>;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('jsonb') explanation!: string[];
  @Column('text') status!: DeadlineStatus;
  @Column('date', { name: 'met_on', nullable: true }) metOn!: string | null;
  @Column('text', { name: 'responsible_body', nullable: true })
  responsibleBody!: ResponsibleBody | null;
  @Column('text', { name: 'duty_holder' }) dutyHolder!: DutyHolder;
  @Column('jsonb') extensions!: DeadlineExtension[];
  @Column('text', { name: 'cancelled_reason', nullable: true })
  cancelledReason!: string | null;
  @Column('text') owner!: string;
  /** The member of staff who owns the deadline (`owner` is their name, as shown). */
  @Column('uuid', { name: 'owner_id', nullable: true }) ownerId!: string | null;
  @Column('uuid', { name: 'opened_by_event_id' }) openedByEventId!: string;
  @Column('uuid', { name: 'closed_by_event_id', nullable: true })
  closedByEventId!: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
  /** When the worker should next look at this deadline; null: nothing to do. See migration 1795600000000. */
  @Column('timestamptz', { name: 'next_action_at', nullable: true })
  nextActionAt!: Date | null;
  /** When the current due date was recorded: reminders before it are not sent; overdue marking waits for a grace after it. */
  @Column('timestamptz', { name: 'timing_from', default: () => 'now()' })
  timingFrom!: Date;
}

export interface DeadlineExtension {
  fromDueOn: string;
  toDueOn: string;
  reason: string;
  agreedBy: string;
  /** The statutory exception relied on (absent on extensions recorded before grounds were required). */
  ground?: ExtensionGroundId;
  eventId: string;
}

@Entity({ name: 'mediation_provider' })
export class MediationProviderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('boolean', { default: true }) active!: boolean;
}

@Entity({ name: 'document' })
export class DocumentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('integer', { name: 'event_sequence' }) eventSequence!: number;
  @Column('text') filename!: string;
  @Column('text', { name: 'content_type' }) contentType!: string;
  @Column('integer') size!: number;
  @Column('text') sha256!: string;
  @Column('bytea', { select: false }) content!: Buffer;
  @Column('timestamptz', { name: 'uploaded_at' }) uploadedAt!: Date;
  @Column('text', { name: 'uploaded_by' }) uploadedBy!: string;
}

export const ENTITIES = [
  StaffUserEntity,
  CaseEntity,
  CaseEventEntity,
  DeadlineEntity,
  MediationProviderEntity,
  DocumentEntity,
];
