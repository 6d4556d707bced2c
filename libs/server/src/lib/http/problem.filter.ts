import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  PayloadTooLargeException,
} from '@nestjs/common';
import type { Problem } from '@send/contracts';
import { CaseRuleError, StatutoryClockError } from '@send/domain';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import {
  NOTHING_SAVED,
  NothingSavedError,
  SavedButNotShownError,
  savedButNotShownProblem,
} from './write-outcome';
import { MAX_DOCUMENT_BYTES } from './limits';

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

/** Any other 500: the server cannot say whether a change was saved (COMMIT failed, or it was not a case write). */
const UNKNOWN_OUTCOME =
  'Something went wrong on our side. If you were saving a change, reload the page to see whether it was saved before you try again. ' +
  'If it keeps happening, tell the service desk.';

function problem(
  status: number,
  detail: string,
  errors?: Problem['errors'],
): Problem {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
    status,
    detail,
    ...(errors?.length ? { errors } : {}),
  };
}

/**
 * PostgreSQL's class 22, "data exception": a value out of range (22003), text it cannot store
 * (22021, 22P05), a value of the wrong form (22P02, 22007, 22008).
 */
const isDataException = (error: unknown) =>
  error instanceof QueryFailedError &&
  /^22/.test(String((error.driverError as { code?: string }).code ?? ''));

/** Maps every error to an RFC 9457 problem a caseworker can act on. No stack trace leaves the server. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const body = this.toProblem(error);
    if (body.status >= 500) {
      const cause =
        error instanceof NothingSavedError ||
        error instanceof SavedButNotShownError
          ? error.cause
          : undefined;
      this.logger.error(
        `${error instanceof Error ? error.stack : String(error)}${cause instanceof Error ? `\nCaused by: ${cause.stack}` : ''}`,
      );
    } else if (isDataException(error))
      this.logger.warn(
        `A value PostgreSQL refused answered 400: ${(error as Error).message}`,
      );
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(body.status)
      .type('application/problem+json')
      .send(JSON.stringify(body));
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof NothingSavedError) {
      // Worded as its cause would be (a conflict stays a 409), and a 500 says that nothing was saved.
      const inner = this.toProblem(error.cause);
      return inner.status >= 500
        ? { ...problem(500, NOTHING_SAVED), saved: false }
        : inner;
    }
    if (error instanceof SavedButNotShownError)
      return savedButNotShownProblem(error.saved);
    if (
      error instanceof PayloadTooLargeException &&
      error.message === 'File too large'
    ) {
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
      const r = response as {
        message?: string | string[];
        errors?: Problem['errors'];
      };
      const message = Array.isArray(r.message)
        ? r.message.join('; ')
        : (r.message ?? error.message);
      return problem(status, message, r.errors);
    }
    if (error instanceof CaseRuleError) {
      // UNUSUAL_FACT: the law does not provide for it on this route; 422 until the caseworker confirms it.
      const status = {
        EVENT_NOT_ALLOWED: 409,
        UNKNOWN_SUBJECT: 404,
        INCONSISTENT_FACT: 400,
        UNUSUAL_FACT: 422,
      }[error.code];
      return problem(status, error.message);
    }
    if (error instanceof StatutoryClockError) {
      return problem(
        400,
        error.message,
        error.fact
          ? [{ field: error.fact, message: error.message }]
          : undefined,
      );
    }
    const code =
      error instanceof QueryFailedError
        ? (error.driverError as { code?: string }).code
        : undefined;
    if (code === '23505') {
      return problem(
        409,
        'This conflicts with a record that already exists. Reload and check before trying again.',
      );
    }
    if (isDataException(error)) {
      // The last line of defence: a value that got past validation and that PostgreSQL refuses
      // (a number out of range, text it cannot store) is the request's problem, not the server's.
      return problem(
        400,
        'A value in the request is out of range or cannot be stored (a number too large, or a character that is not allowed). Check what you sent and try again.',
      );
    }
    if (code === '40P01' || code === '40001') {
      // A deadlock or serialisation failure: the transaction was rolled back whole.
      return problem(
        409,
        'Someone else changed this case at the same moment and nothing was saved. Reload it and save again.',
      );
    }
    return problem(500, UNKNOWN_OUTCOME);
  }
}
