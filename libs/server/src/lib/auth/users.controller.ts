import { Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { StaffUser } from '@send/contracts';
import type { Request } from 'express';
import type { Repository } from 'typeorm';
import { SecurityLogService } from '../audit/security-log.service';
import { StaffUserEntity } from '../db/entities';
import { arrayOf } from '../http/endpoints';
import { IdOf } from '../http/endpoints';
import { type Actor, AllowRoles, CurrentActor } from './actor';
import { SessionService } from './session.service';

@ApiTags('staff')
@Controller('users')
export class UsersController {
  constructor(
    @InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>,
    private readonly sessions: SessionService,
    private readonly securityLog: SecurityLogService,
  ) {}

  /** Managers see their team (to reassign cases); administrators see everyone. */
  @Get()
  @AllowRoles('manager', 'administrator')
  @ApiOperation({ summary: 'Active staff users, by role then name (managers: their own team)' })
  @ApiOkResponse({ description: 'Staff users', schema: arrayOf('StaffUser') })
  async list(@CurrentActor() actor: Actor): Promise<StaffUser[]> {
    const rows = await this.users.find({
      where: { active: true, ...(actor.role === 'manager' ? { team: actor.team } : {}) },
      order: { role: 'ASC', name: 'ASC' },
    });
    return rows.map(({ id, name, role, team }) => ({ id, name, role, team }));
  }

  /** Disabling ends every session of the user at once. */
  @Post(':userId/disable')
  @AllowRoles('administrator')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Disable a staff account: it can no longer sign in, and its sessions end now' })
  @ApiNoContentResponse({ description: 'Disabled' })
  async disable(@Param('userId', IdOf('user')) userId: string, @CurrentActor() actor: Actor, @Req() request: Request): Promise<void> {
    await this.users.manager.transaction(async (tx) => {
      const result = await tx.getRepository(StaffUserEntity).update({ id: userId }, { active: false });
      if (!result.affected) throw new NotFoundException(`There is no staff user with id ${userId}.`);
      const sessionsEnded = await this.sessions.endAllFor(userId, 'account disabled', tx);
      await this.securityLog.record(request, { event: 'user.disabled', outcome: 'success', actor, subjectUserId: userId, detail: { sessionsEnded } }, tx);
    });
  }
}
