import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger, PayloadTooLargeException } from '@nestjs/common';
import type { Problem } from '@send/contracts';
import { CaseRuleError, StatutoryClockError } from '@send/domain';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { MAX_DOCUMENT_BYTES } from '../documents/document.service';

const TITLES: Record<number, string> = {
  400: 'The request has a problem',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Something went wrong',
};

function problem(status: number, detail: string, errors?: Problem['errors']): Problem {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
    status,
    detail,
    ...(errors?.length ? { errors } : {}),
  };
}

/** Maps every error to an RFC 9457 problem a caseworker can act on. No stack trace leaves the server. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const body = this.toProblem(error);
    if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(body.status)
      .type('application/problem+json')
      .send(JSON.stringify(body));
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof PayloadTooLargeException && error.message === 'File too large') {
      // Multer's words for a document over the limit.
      return problem(
        413,
        `The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB, the most the service accepts. Attach a smaller copy (a PDF, or a scan at a lower resolution).`,
      );
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      if (typeof response === 'string') return problem(status, response);
      const r = response as { message?: string | string[]; errors?: Problem['errors'] };
      const message = Array.isArray(r.message) ? r.message.join('; ') : (r.message ?? error.message);
      return problem(status, message, r.errors);
    }
    if (error instanceof CaseRuleError) {
      const status = { EVENT_NOT_ALLOWED: 409, UNKNOWN_SUBJECT: 404, INCONSISTENT_FACT: 400 }[error.code];
      return problem(status, error.message);
    }
    if (error instanceof StatutoryClockError) {
      return problem(400, error.message, error.fact ? [{ field: error.fact, message: error.message }] : undefined);
    }
    const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
    if (code === '23505') {
      return problem(409, 'This conflicts with a record that already exists. Reload and check before trying again.');
    }
    if (code === '40P01' || code === '40001') {
      // A deadlock or serialisation failure: the transaction was rolled back whole.
      return problem(409, 'Someone else changed this case at the same moment and nothing was saved. Reload it and save again.');
    }
    return problem(500, 'Something went wrong on our side and nothing was saved. Try again; if it keeps happening, tell the service desk.');
  }
}
