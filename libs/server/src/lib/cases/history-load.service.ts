import {
  BadRequestException,
  ConflictException,
  HttpException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CaseDetail } from '@send/contracts';
import { CaseRuleError, type CaseEvent } from '@send/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/actor';
import { Clock } from '../clock/clock';
import { LedgerRepository } from './ledger.repository';
import { CaseCommandService } from './case-command.service';
import { CaseQueryService } from './case-query.service';
import {
  entryEvent,
  type HistoryEntry,
  parseHistoryEntries,
} from './history-entry.schema';

/** Most entries one request may carry: a case's past, not a whole council's. */
export const MAX_HISTORY_ENTRIES = 500;

/** Thrown to roll a dry run back once the case has been read. */
class Preview extends Error {
  constructor(readonly detail: CaseDetail) {
    super('dry run');
  }
}

/** A new case and its past, as `import-cases` reads them from a file and `POST /api/cases/import` takes them. */
export interface CaseWithHistory {
  reference: string;
  childName: string;
  dateOfBirth: string;
  entries: unknown[];
}

/**
 * Records a case's past in one go, for entries that reach the system after the fact and for a
 * council moving off spreadsheets: a batch of entries, each checked by the domain exactly as the
 * single-entry endpoints check it, in order, in ONE transaction, so that either all of it is
 * recorded or none of it. Deadlines opened by entries already past when recorded are marked
 * overdue (and escalated) only after a grace: see `deadline.timing_from`.
 */
@Injectable()
export class HistoryLoadService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly commands: CaseCommandService,
    private readonly queries: CaseQueryService,
    private readonly clock: Clock,
    private readonly ledger: LedgerRepository,
  ) {}

  /** Records `entries` on an existing case; answers the case as it then stands (or would, for a dry run). */
  async record(
    caseId: string,
    expectedVersion: number,
    rawEntries: readonly unknown[],
    actor: Actor,
    dryRun = false,
    reason?: string,
  ): Promise<CaseDetail> {
    const entries = this.parse(rawEntries);
    return this.inTransaction(dryRun, async (tx) => {
      await this.recordEntries(
        tx,
        caseId,
        entries,
        actor,
        expectedVersion,
        reason,
      );
      return this.queries.detail(caseId, tx);
    });
  }

  /** Opens a case and records its past, in one transaction. */
  async importCase(
    input: CaseWithHistory,
    actor: Actor,
    dryRun = false,
  ): Promise<CaseDetail> {
    const entries = this.parse(input.entries);
    return this.inTransaction(dryRun, async (tx) => {
      const firstDate = entries
        .map(firstDateOf)
        .filter((d): d is string => !!d)
        .sort()[0];
      const { caseId } = await this.commands.openIn(
        tx,
        {
          type: 'case.opened',
          reference: input.reference,
          childName: input.childName.trim(),
          dateOfBirth: input.dateOfBirth,
          caseworker: actor.name,
          team: actor.team,
          // Opened on the day of its first entry, as if it had been kept here all along.
          openedOn:
            firstDate && firstDate < this.clock.today()
              ? firstDate
              : this.clock.today(),
        },
        actor,
      );
      await this.recordEntries(
        tx,
        caseId,
        entries,
        actor,
        undefined,
        'Case history loaded',
      );
      return this.queries.detail(caseId, tx);
    });
  }

  private parse(raw: readonly unknown[]): HistoryEntry[] {
    if (raw.length === 0)
      throw new BadRequestException(
        'entries must list at least one entry of the case’s history.',
      );
    if (raw.length > MAX_HISTORY_ENTRIES)
      throw new BadRequestException(
        `entries must list at most ${MAX_HISTORY_ENTRIES} entries: send a longer history in parts.`,
      );
    const { entries, problems } = parseHistoryEntries(raw);
    if (problems.length)
      throw new BadRequestException(
        `Nothing was recorded. ${problems.slice(0, 20).join('; ')}.`,
      );
    return entries;
  }

  private async inTransaction(
    dryRun: boolean,
    work: (tx: EntityManager) => Promise<CaseDetail>,
  ): Promise<CaseDetail> {
    if (!dryRun) return this.db.transaction(work);
    try {
      await this.db.transaction(async (tx) => {
        throw new Preview(await work(tx));
      });
    } catch (error) {
      if (error instanceof Preview) return { ...error.detail, dryRun: true };
      throw error;
    }
    throw new Error('unreachable: a dry run always rolls back');
  }

  private async recordEntries(
    tx: EntityManager,
    caseId: string,
    entries: readonly HistoryEntry[],
    actor: Actor,
    expectedVersion?: number,
    reason?: string,
  ) {
    for (const [index, entry] of entries.entries()) {
      try {
        await this.commands.recordIn(
          tx,
          caseId,
          this.eventOf(caseId, entry),
          actor,
          {
            ...(index === 0 && expectedVersion !== undefined
              ? { expectedVersion }
              : {}),
            ...(reason ? { reason } : {}),
          },
        );
      } catch (error) {
        throw inEntry(error, index, entry.type);
      }
    }
  }

  /** The case event of an entry; an extension is resolved against the deadline the earlier entries opened. */
  private eventOf(
    caseId: string,
    entry: HistoryEntry,
  ): CaseEvent | ((tx: EntityManager) => Promise<CaseEvent>) {
    if (entry.type !== 'deadline.extended') return entryEvent(entry);
    return async (tx) => {
      const d = await this.ledger.byRule(
        tx,
        caseId,
        entry.ruleId,
        entry.subjectId,
      );
      if (!d)
        throw new NotFoundException(
          `This case has no ${entry.ruleId} deadline for ${entry.subjectId} to extend.`,
        );
      if (d.status !== 'open' && d.status !== 'overdue')
        throw new ConflictException(
          `This deadline is ${d.status}: only an open deadline can be extended.`,
        );
      if (entry.toDueOn <= d.dueOn)
        throw new BadRequestException(
          `toDueOn must be after the current due date (${d.dueOn}).`,
        );
      return { ...entry, deadlineId: d.id, fromDueOn: d.dueOn };
    };
  }
}

/** The first business date an entry carries (its dates are all YYYY-MM-DD strings). */
function firstDateOf(entry: HistoryEntry): string | undefined {
  return Object.entries(entry)
    .filter(
      ([key, value]) =>
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !['hearingDate', 'mediationDate', 'toDueOn', 'transferDate'].includes(
          key,
        ),
    )
    .map(([, value]) => value as string)
    .sort()[0];
}

/** The same refusal, saying which entry it is about: nothing of the batch was recorded. */
function inEntry(error: unknown, index: number, type: string): unknown {
  const where = `Nothing was recorded. Entry ${index + 1} (${type}): `;
  if (error instanceof CaseRuleError)
    return new CaseRuleError(error.code, `${where}${error.message}`);
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : ((response as { message?: string | string[] }).message ??
          error.message);
    return new HttpException(
      `${where}${Array.isArray(message) ? message.join('; ') : message}`,
      error.getStatus(),
    );
  }
  return error;
}
