import type { NextFunction, Request, Response } from 'express';
import { readCookie, SessionCookies } from './cookies';
import type { SessionService } from './session.service';

/**
 * Express middleware for pages outside Nest's guards (Swagger UI in production): only a signed-in
 * administrator passes; anyone else gets 404, so the page's existence is not advertised.
 */
export function adminOnly(sessions: SessionService, secureCookies: boolean) {
  const cookies = new SessionCookies(secureCookies);
  return (request: Request, response: Response, next: NextFunction) => {
    sessions
      .resume(readCookie(request, cookies.session))
      .then((session) => {
        if (session?.actor.role === 'administrator') return next();
        response
          .status(404)
          .type('application/problem+json')
          .send(
            JSON.stringify({
              type: 'about:blank',
              title: 'Not found',
              status: 404,
              detail: 'There is nothing here.',
            }),
          );
      })
      .catch(next);
  };
}
