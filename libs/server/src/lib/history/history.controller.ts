import { BadRequestException, Controller, DefaultValuePipe, Get, Param, ParseIntPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { HistoryEventView, HistoryVerification } from '@send/contracts';
import { arrayOf, ExportCases, ReadCases, schemaRef } from '../http/endpoints';
import { ParseIdPipe } from '../http/validation';
import { HistoryService } from './history.service';

const CASE_ID = () => new ParseIdPipe('case');
const wholeNumber = (name: string) =>
  new ParseIntPipe({ exceptionFactory: () => new BadRequestException(`${name} must be a whole number`) });
const safeName = (reference: string) => reference.replace(/[^A-Za-z0-9_.-]/g, '_');

@ApiTags('history')
@Controller('cases/:id')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get('history')
  @ReadCases("A case's history: every recorded fact, oldest first, with its hash chain", arrayOf('HistoryEventView'), {
    action: 'history.read',
    purpose: 'case work',
  })
  @ApiQuery({ name: 'after', required: false, description: 'Only events after this sequence (e.g. the version a form was based on)', example: 0 })
  @ApiQuery({ name: 'limit', required: false, description: 'At most this many events (1 to 1000; default 1000)', example: 1000 })
  list(
    @Param('id', CASE_ID()) id: string,
    @Query('after', new DefaultValuePipe(0), wholeNumber('after')) after: number,
    @Query('limit', new DefaultValuePipe(1000), wholeNumber('limit')) limit: number,
  ): Promise<HistoryEventView[]> {
    if (after < 0) throw new BadRequestException('after must be 0 or more: the sequence of an event in the history');
    if (limit < 1 || limit > 1000) throw new BadRequestException('limit must be between 1 and 1000');
    return this.history.history(id, { after, limit });
  }

  @Get('history.csv')
  @ExportCases("A case's history as CSV (cells that a spreadsheet would run as formulas are neutralised)", { type: 'string' }, {
    action: 'history.export',
    purpose: 'history export (CSV)',
  })
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
