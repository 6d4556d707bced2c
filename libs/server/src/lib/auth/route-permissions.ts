import { type INestApplication, RequestMethod } from '@nestjs/common';
import {
  GUARDS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
} from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_LOGGED } from '../audit/access-log';
import { ALLOWED_ROLES, CASE_SCOPED, PUBLIC_ROUTE } from '../identity/actor';
import { CallerThrottlerGuard } from './sign-in.throttler';

/** One route handler of the API and what it declares about who may call it. */
export interface RoutePermission {
  method: string;
  /** As in the OpenAPI document: `/api/cases/{id}`. */
  path: string;
  /** `Controller.method`, to name the culprit. */
  handler: string;
  public: boolean;
  roles: string[];
  caseScoped: boolean;
  accessLogged: boolean;
  /** Rate limited (`@SignInRateLimit()`, `@ReadRateLimit()`, `@PasswordChangeRateLimit()`): may answer 429. */
  rateLimited: boolean;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

const asArray = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value ?? '']).map(String);

/**
 * Every route handler of every controller of the application, read from the same metadata the
 * session guard reads (`@Public()`, `@AllowRoles()`, `@CaseScoped()` on the handler, else its class).
 * Works on an application created with `preview: true`: no database, no instances needed.
 */
export function routePermissions(
  app: INestApplication,
  globalPrefix: string,
): RoutePermission[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: RoutePermission[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as
        | (new (...args: never[]) => object)
        | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const prefixes = asArray(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[
          name
        ] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as
          | string
          | string[]
          | undefined;
        if (paths === undefined) continue;
        const method =
          RequestMethod[
            Reflect.getMetadata(METHOD_METADATA, handler) as number
          ] ?? 'GET';
        const targets = [handler as never, controller];
        const declared = {
          public:
            reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ===
            true,
          roles:
            reflector.getAllAndOverride<string[] | undefined>(
              ALLOWED_ROLES,
              targets,
            ) ?? [],
          caseScoped:
            reflector.getAllAndOverride<boolean>(CASE_SCOPED, targets) === true,
          accessLogged:
            reflector.get(ACCESS_LOGGED, handler as never) !== undefined,
          rateLimited: [handler, controller].some((target) =>
            (
              (Reflect.getMetadata(GUARDS_METADATA, target) as
                | unknown[]
                | undefined) ?? []
            ).includes(CallerThrottlerGuard),
          ),
        };
        for (const prefix of prefixes) {
          for (const path of asArray(paths)) {
            routes.push({
              method,
              path: join(globalPrefix, prefix, path).replace(
                /:([A-Za-z0-9_]+)/g,
                '{$1}',
              ),
              handler: `${controller.name}.${name}`,
              ...declared,
            });
          }
        }
      }
    }
  }
  return routes.sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
}
