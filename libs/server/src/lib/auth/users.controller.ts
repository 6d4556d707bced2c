import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { PasswordReset, StaffAccount, StaffUser } from '@send/contracts';
import type { Request } from 'express';
import { arrayOf, IdOf, schemaRef } from '../http/endpoints';
import { type Actor, AllowRoles, CurrentActor } from '../identity/actor';
import { StaffAccountService } from './staff-account.service';
import { StaffRepository } from './staff.repository';
import { CreateStaffUserDto, UpdateStaffUserDto } from './users.dto';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});
const USER_ID = () => IdOf('user');

@ApiTags('staff')
@Controller('users')
export class UsersController {
  constructor(
    private readonly staff: StaffRepository,
    private readonly accounts: StaffAccountService,
  ) {}

  /** Managers see their team (to reassign cases); administrators see everyone. */
  @Get()
  @AllowRoles('manager', 'administrator')
  @ApiOperation({
    summary: 'Active staff users, by role then name (managers: their own team)',
  })
  @ApiOkResponse({ description: 'Staff users', schema: arrayOf('StaffUser') })
  async list(@CurrentActor() actor: Actor): Promise<StaffUser[]> {
    return this.staff.listActive(actor.role === 'manager' ? actor.team : null);
  }

  @Get('accounts')
  @AllowRoles('administrator')
  @ApiOperation({
    summary:
      'Every staff account, active and disabled, with how it signs in (administrators)',
  })
  @ApiOkResponse({
    description: 'Staff accounts',
    schema: arrayOf('StaffAccount'),
  })
  accountsList(): Promise<StaffAccount[]> {
    return this.accounts.list();
  }

  @Post()
  @AllowRoles('administrator')
  @ApiOperation({
    summary:
      'Create a staff account (administrators): name, email, role, team, and a first password for a local account',
  })
  @ApiCreatedResponse({
    description: 'The account',
    schema: schemaRef('StaffAccount'),
  })
  @ApiBadRequestResponse(problem('Invalid request: `errors` names each field'))
  @ApiConflictResponse(problem('An account with that email exists'))
  create(
    @Body() body: CreateStaffUserDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<StaffAccount> {
    return this.accounts.create(body, actor, request);
  }

  @Patch(':userId')
  @AllowRoles('administrator')
  @ApiOperation({
    summary:
      "Change a staff account's role, team or name (administrators); a new role or team ends its sessions",
  })
  @ApiOkResponse({
    description: 'The account after the change',
    schema: schemaRef('StaffAccount'),
  })
  @ApiBadRequestResponse(problem('Invalid request, or nothing to change'))
  @ApiNotFoundResponse(problem('No such account'))
  @ApiConflictResponse(
    problem('Your own role, or the last active administrator'),
  )
  change(
    @Param('userId', USER_ID()) userId: string,
    @Body() body: UpdateStaffUserDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<StaffAccount> {
    return this.accounts.change(userId, body, actor, request);
  }

  /** Disabling ends every session of the user at once. */
  @Post(':userId/disable')
  @AllowRoles('administrator')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Disable a staff account: it can no longer sign in, and its sessions end now',
  })
  @ApiNoContentResponse({ description: 'Disabled' })
  @ApiNotFoundResponse(problem('No such account'))
  @ApiConflictResponse(
    problem('Your own account, or the last active administrator'),
  )
  disable(
    @Param('userId', USER_ID()) userId: string,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<void> {
    return this.accounts.disable(userId, actor, request);
  }

  @Post(':userId/password-reset')
  @AllowRoles('administrator')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "Reset a staff account's password (administrators): answers a temporary password, once",
    description:
      'Give the temporary password to the member of staff by another channel. It works for TEMPORARY_PASSWORD_HOURS, and only to set a password of ' +
      'their own at their next sign-in. The old password stops working at once, and the account’s sessions and calendar feed end.',
  })
  @ApiOkResponse({
    description: 'The temporary password and when it stops working',
    schema: schemaRef('PasswordReset'),
  })
  @ApiNotFoundResponse(problem('No such account'))
  @ApiConflictResponse(
    problem(
      'Your own account (change your password instead), or a disabled account',
    ),
  )
  resetPassword(
    @Param('userId', USER_ID()) userId: string,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<PasswordReset> {
    return this.accounts.resetPassword(userId, actor, request);
  }

  @Post(':userId/enable')
  @AllowRoles('administrator')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Enable a disabled staff account again (its lock-out is cleared)',
  })
  @ApiNoContentResponse({ description: 'Enabled' })
  @ApiNotFoundResponse(problem('No such account'))
  enable(
    @Param('userId', USER_ID()) userId: string,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ): Promise<void> {
    return this.accounts.enable(userId, actor, request);
  }
}
