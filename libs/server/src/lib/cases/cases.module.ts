import { Module } from '@nestjs/common';
import { StaffModule } from '../auth/staff.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CaseCommandService } from './case-command.service';
import { CaseQueryService } from './case-query.service';
import { CaseWriteService } from './case-write.service';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { DecisionController } from './decision.controller';
import { HistoryLoadController } from './history-load.controller';
import { HistoryLoadService } from './history-load.service';
import { LedgerRepository } from './ledger.repository';
import { NoteController } from './note.controller';
import { BulkReassignmentController } from './bulk-reassignment.controller';
import { BulkReassignmentService } from './bulk-reassignment.service';
import { ReassignmentRepository } from './reassignment.repository';

/** The case write path, shared by the API and the worker: the case, its history and its deadline ledger, in one transaction. */
@Module({
  imports: [CalendarModule],
  providers: [CaseRepository, LedgerRepository, CaseCommandService],
  exports: [
    CalendarModule,
    CaseRepository,
    LedgerRepository,
    CaseCommandService,
  ],
})
export class CasesModule {}

/**
 * The API's side of cases: search, the case page, decisions, loading a history. The case page's
 * deadlines come from the deadlines context through CASE_DEADLINES, bound by the assembly
 * (server.modules.ts). Other contexts record their entries through CaseWriteService.
 */
@Module({
  imports: [CasesModule, StaffModule],
  controllers: [
    CaseController,
    HistoryLoadController,
    DecisionController,
    NoteController,
    BulkReassignmentController,
  ],
  providers: [
    CaseQueryService,
    CaseWriteService,
    HistoryLoadService,
    BulkReassignmentService,
    ReassignmentRepository,
  ],
  exports: [
    CasesModule,
    CaseQueryService,
    CaseWriteService,
    HistoryLoadService,
  ],
})
export class CasesApiModule {}
