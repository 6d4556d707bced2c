import {
  Controller,
  DefaultValuePipe,
  Get,
  Param,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { HistoryEventView, HistoryVerification } from '@send/contracts';
import { arrayOf, schemaRef } from '../http/endpoints';
import { ExportCases, ReadCases } from '../auth/case-routes';
import { MAX_DB_INTEGER } from '../http/input-safety';
import { ParseDbIntPipe } from '../http/input-safety.pipes';
import { ParseIdPipe } from '../http/validation';
import { HistoryService } from './history.service';

const CASE_ID = () => new ParseIdPipe('case');
const safeName = (reference: string) =>
  reference.replace(/[^A-Za-z0-9_.-]/g, '_');

@ApiTags('history')
@Controller('cases/:id')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get('history')
  @ReadCases(
    "A case's history: every recorded fact, oldest first, with its hash chain",
    arrayOf('HistoryEventView'),
    {
      action: 'history.read',
      purpose: 'case work',
    },
  )
  @ApiQuery({
    name: 'after',
    required: false,
    description:
      'Only events after this sequence (e.g. the version a form was based on)',
    schema: {
      type: 'integer',
      minimum: 0,
      maximum: MAX_DB_INTEGER,
      example: 0,
    },
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'At most this many events (1 to 1000; default 1000)',
    schema: { type: 'integer', minimum: 1, maximum: 1000, example: 1000 },
  })
  list(
    @Param('id', CASE_ID()) id: string,
    @Query(
      'after',
      new DefaultValuePipe('0'),
      new ParseDbIntPipe(
        'after',
        0,
        undefined,
        'the sequence of an event in the history',
      ),
    )
    after: number,
    @Query(
      'limit',
      new DefaultValuePipe('1000'),
      new ParseDbIntPipe('limit', 1, 1000),
    )
    limit: number,
  ): Promise<HistoryEventView[]> {
    return this.history.history(id, { after, limit });
  }

  @Get('history.csv')
  @ExportCases(
    "A case's history as CSV (cells that a spreadsheet would run as formulas are neutralised)",
    { type: 'string' },
    {
      action: 'history.export',
      purpose: 'history export (CSV)',
    },
  )
  @ApiProduces('text/csv')
  async csv(@Param('id', CASE_ID()) id: string): Promise<StreamableFile> {
    const { reference, stream } = await this.history.historyCsv(id);
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="history-${safeName(reference)}.csv"`,
    });
  }

  @Get('history.json')
  @ExportCases(
    "A case's whole history as JSON with every field its hashes cover: check it without the database with `node dist/apps/api/verify-history.js <file>`",
    schemaRef('HistoryExport'),
    { action: 'history.export', purpose: 'history export (JSON)' },
  )
  async json(@Param('id', CASE_ID()) id: string): Promise<StreamableFile> {
    const { reference, stream } = await this.history.historyJson(id);
    return new StreamableFile(stream, {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="history-${safeName(reference)}.json"`,
    });
  }

  @Get('history/verification')
  @ReadCases(
    "Check a case's history has not been altered: recomputes every hash and link; names the first event that does not match",
    schemaRef('HistoryVerification'),
    { action: 'history.verify', purpose: 'integrity check' },
  )
  verify(@Param('id', CASE_ID()) id: string): Promise<HistoryVerification> {
    return this.history.verify(id);
  }
}
