import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  type ApiResponseSchemaHost,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../identity/actor';
import { readCookie, SessionCookies } from '../auth/cookies';
import { SessionService } from '../auth/session.service';
import { within } from '../clock/within';
import {
  APP_CONFIG,
  type AppConfig,
  cookiesAreSecure,
} from '../config/app-config';
import type { HealthResult } from './health-verdict';
import { HealthService } from './health.service';

type SchemaObject = ApiResponseSchemaHost['schema'];

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const PARTS: SchemaObject = {
  type: 'object',
  description:
    'Parts by name: postgres, redis, deadlineQueue, worker, deadlineTick, deadlineActions, mail',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: {
      status: { type: 'string', enum: ['up', 'down'] },
      message: {
        type: 'string',
        description: 'What is wrong and what to do (down only)',
      },
    },
    additionalProperties: true,
  },
};
const HEALTH_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    info: PARTS,
    error: PARTS,
    details: PARTS,
  },
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly cookies: SessionCookies;

  constructor(
    private readonly health: HealthService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cookies = new SessionCookies(cookiesAreSecure(config));
  }

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'Whether reminders and overdue markings are happening: PostgreSQL, Redis, the deadline queue (paused?), the worker (heartbeat), its tick, ' +
      'the deadline actions due and in flight (a run in progress, or work stuck) and the email backlog. 503 names the failing part. ' +
      'Anyone sees the status only; signed-in administrators and a monitor holding HEALTH_TOKEN (Authorization: Bearer) see the details.',
  })
  @ApiOkResponse({
    description:
      '`{status: "ok"}`, with `info`, `error` and `details` for administrators and monitors',
    schema: HEALTH_SCHEMA,
  })
  @ApiServiceUnavailableResponse({
    description:
      '`{status: "error"}`, with the failing parts in `error` for administrators and monitors',
    schema: HEALTH_SCHEMA,
  })
  async check(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HealthResult | { status: HealthResult['status'] }> {
    const [result, detailed] = await Promise.all([
      this.health.check(),
      this.mayReadDetails(request),
    ]);
    response.status(result.status === 'ok' ? 200 : 503);
    return detailed ? result : { status: result.status };
  }

  /** A monitor with HEALTH_TOKEN, or a signed-in administrator. Never throws: the status is always answered. */
  private async mayReadDetails(request: Request): Promise<boolean> {
    const token = this.config.HEALTH_TOKEN;
    const authorization = request.headers.authorization;
    if (
      token &&
      typeof authorization === 'string' &&
      authorization.startsWith('Bearer ') &&
      sameToken(authorization.slice(7).trim(), token)
    )
      return true;
    const cookie = readCookie(request, this.cookies.session);
    if (!cookie) return false;
    const session = await within(
      this.sessions.resume(cookie),
      700,
      'PostgreSQL (session)',
    ).catch(() => undefined);
    return session?.actor.role === 'administrator';
  }
}
