import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CasesApiModule } from '../cases/cases.module';
import { MailService } from '../deadlines/mail.service';
import { DocumentsModule } from '../documents/documents.module';
import { LetterRepository } from './letter.repository';
import { letterSenderProvider } from './letter-sender';
import { LetterTemplates } from './letter-templates.service';
import { LetterTemplateAdmin } from './letter-template-admin.service';
import { LetterTemplatesController } from './letter-templates.controller';
import { LettersController } from './letters.controller';
import { LettersService } from './letters.service';
import { PdfConverter } from './pdf-converter';

/** Letters made from the council's templates and issued as the entries they state (API). */
@Module({
  imports: [CasesApiModule, DocumentsModule, AuditModule],
  controllers: [LettersController, LetterTemplatesController],
  providers: [
    LetterRepository,
    LetterTemplates,
    LetterTemplateAdmin,
    LettersService,
    PdfConverter,
    MailService,
    letterSenderProvider,
  ],
})
export class LettersModule {}
