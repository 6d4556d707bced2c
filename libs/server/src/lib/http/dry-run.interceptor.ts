import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';

/** A dry run creates nothing: it answers 200, not 201 (see `VersionedDto.dryRun`). */
@Injectable()
export class DryRunStatusInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    if (
      (http.getRequest<Request>().body as { dryRun?: unknown } | undefined)
        ?.dryRun === true
    )
      http.getResponse<Response>().status(200);
    return next.handle();
  }
}
