import { Module } from '@nestjs/common';
import { CaseScopeRepository } from './case-scope.repository';
import { SessionRepository } from './session.repository';
import { StaffRepository } from './staff.repository';

/** Staff and sessions: the repositories of `staff_user`, `user_session` and `oidc_login` (used by the API and the worker). */
@Module({
  providers: [StaffRepository, SessionRepository, CaseScopeRepository],
  exports: [StaffRepository, SessionRepository, CaseScopeRepository],
})
export class StaffModule {}
