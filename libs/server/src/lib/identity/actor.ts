import {
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import type { Role } from '@send/contracts';

/** Who recorded something: a member of staff, or the system itself (the deadline monitor). */
export interface Actor {
  id: string | null;
  name: string;
  role: Role | 'system';
  team: string;
}

export const SYSTEM_ACTOR: Actor = {
  id: null,
  name: 'Deadline monitor',
  role: 'system',
  team: 'System',
};

export const PUBLIC_ROUTE = 'send:public';
export const ALLOWED_ROLES = 'send:roles';
export const CASE_SCOPED = 'send:case-scoped';
export const OPEN_BEFORE_PASSWORD_CHANGE = 'send:open-before-password-change';

/** The roles that may read and write cases (of their own team), and those who read every team's cases. */
export const CASE_WRITERS: Role[] = ['caseworker', 'manager'];
export const CASE_READERS: Role[] = ['caseworker', 'manager', 'auditor'];

/**
 * Which team's cases an actor may see: their own team for caseworkers and managers, every team
 * (`null`) for auditors. Administrators hold no case role and reach no case route.
 */
export const teamScope = (actor: Actor): string | null =>
  actor.role === 'auditor' ? null : actor.team;

/** A route anyone may call (the health check, sign-in). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route. A route with neither this nor @Public() is refused to everyone. */
export const AllowRoles = (...roles: Role[]) =>
  SetMetadata(ALLOWED_ROLES, roles);

/**
 * A route about one case (`:id`) or one deadline (`:deadlineId`): the guard answers 404 unless the
 * case is in the caller's scope, so one team cannot learn that another team's case exists.
 */
export const CaseScoped = () => SetMetadata(CASE_SCOPED, true);

/**
 * A route a session may call while its password must still be changed (signed in with a password
 * an administrator set): who is signed in, signing out, and changing the password. Every other
 * route answers 403 until the password is changed.
 */
export const OpenBeforePasswordChange = () =>
  SetMetadata(OPEN_BEFORE_PASSWORD_CHANGE, true);

/** The signed-in member of staff making the request. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Actor => {
    return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
  },
);
