import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXPORT_FORMATS,
  EXPORT_SCOPES,
  type ExportFormat,
  type ExportScope,
  type StartExportRequest,
} from '@send/contracts';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { oneOf } from '../http/common.dto';
import { IsCalendarDate } from '../http/validation';

export class StartExportDto implements StartExportRequest {
  @ApiProperty({
    enum: EXPORT_SCOPES,
    description:
      "case: one case's complete history; period: the events of every case that happened in a period",
  })
  @IsIn(EXPORT_SCOPES, oneOf(EXPORT_SCOPES))
  scope!: ExportScope;

  @ApiProperty({
    enum: EXPORT_FORMATS,
    description:
      'CSV (formulas neutralised), JSON (every hashed field; `verify-history` checks a case export offline) or PDF',
  })
  @IsIn(EXPORT_FORMATS, oneOf(EXPORT_FORMATS))
  format!: ExportFormat;

  @ApiPropertyOptional({
    description: "For scope case: the council's reference of the case",
    example: 'RUT-2026-0101',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/, {
    message: 'caseReference must be a case reference, e.g. RUT-2026-0101',
  })
  @IsString({
    message: 'caseReference must be a case reference, e.g. RUT-2026-0101',
  })
  caseReference?: string;

  @ApiPropertyOptional({
    description:
      'For scope period: the first day (inclusive) on which the events happened',
    example: '2026-01-01',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    description:
      'For scope period: the last day (inclusive) on which the events happened',
    example: '2026-03-31',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
