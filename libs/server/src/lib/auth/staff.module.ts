import { Module } from '@nestjs/common';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { StaffRepository } from './staff.repository';

/** Staff and sessions: `staff_user`, `user_session` and `oidc_login`, and the sessions' service (API and worker). */
@Module({
  providers: [StaffRepository, SessionRepository, SessionService],
  exports: [StaffRepository, SessionRepository, SessionService],
})
export class StaffModule {}
