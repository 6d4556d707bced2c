import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesApiModule } from '../cases/cases.module';
import { DocumentController } from './document.controller';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';
import { MalwareScanner } from './malware-scanner';

/** Documents attached to a case's history events: upload (checked and scanned) and download (API). */
@Module({
  imports: [CasesApiModule, AuditModule],
  controllers: [DocumentController],
  providers: [DocumentRepository, DocumentService, MalwareScanner],
  exports: [DocumentService],
})
export class DocumentsModule {}
