import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import {
  adminOnly,
  APP_CONFIG,
  type AppConfig,
  ConfigError,
  cookiesAreSecure,
  createValidationPipe,
  exitOnUncaughtErrors,
  HttpDrain,
  mountQueueBoard,
  ProblemFilter,
  refuseHostileInput,
  SessionService,
  trustProxySetting,
} from '@send/server';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app/app.module';
import { openApiDocument } from './app/openapi-document';

/**
 * The web app's Content Security Policy: nothing inline, nothing from elsewhere. The Angular build
 * is made with `inlineCritical: false` so that no inline style or onload handler is needed.
 */
const APP_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    // No <base> element may redirect the app's relative URLs (the web app has none: its scripts and styles are absolute).
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: null,
  },
};

/**
 * Every path SwaggerModule serves: the UI and its assets (/api/docs, /api/docs/…), the JSON and the
 * YAML document. Express matches routes without regard to case or a trailing slash, so neither
 * does this.
 */
const isDocsPath = (path: string) =>
  /^\/api\/docs(?:-json|-yaml)?(?:\/|$)/i.test(path);

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // From where: the client's address, as far back through X-Forwarded-For as TRUST_PROXY allows.
  app.set('trust proxy', trustProxySetting(config));
  // Security headers first, so that every answer carries them: the JSON parser's own refusals
  // (malformed JSON 400, too large 413) included.
  app.use(
    helmet({
      contentSecurityPolicy: APP_CSP,
      strictTransportSecurity:
        config.NODE_ENV === 'production'
          ? { maxAge: 31_536_000, includeSubDomains: true }
          : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  // Swagger UI ships an inline style: its own, slightly wider policy, on its pages only. Set after
  // the global one, which it replaces there (the last Content-Security-Policy header set wins).
  const docsCsp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      ...APP_CSP.directives,
      styleSrc: ["'self'", "'unsafe-inline'"],
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) =>
    isDocsPath(request.path) ? docsCsp(request, response, next) : next(),
  );
  app.use(
    '/api',
    (
      _req: unknown,
      res: { setHeader(n: string, v: string): void },
      next: () => void,
    ) => {
      // Answers hold personal data: never cached by the browser or a proxy.
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
  // Request size limits: JSON bodies are small; documents have their own limit (multer). No route
  // takes a urlencoded form, so none is parsed: a form posted from another site reaches no handler
  // with a body.
  app.useBodyParser('json', { limit: '200kb' });
  // What PostgreSQL cannot store (NUL, unpaired surrogates, JSON nested too deep) answers 400 here, recorded.
  refuseHostileInput(app);

  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  const http = new HttpDrain(
    app.getHttpServer() as Server,
    config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  );

  // Pages outside Nest's guards: Bull Board always, and in production the API documentation, are
  // for signed-in administrators only.
  const administratorsOnly = adminOnly(
    app.get(SessionService),
    cookiesAreSecure(config),
  );
  mountQueueBoard(app, administratorsOnly);
  if (config.NODE_ENV === 'production') {
    app.use((request: Request, response: Response, next: NextFunction) =>
      isDocsPath(request.path)
        ? administratorsOnly(request, response, next)
        : next(),
    );
  }
  SwaggerModule.setup('api/docs', app, openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });

  await app.listen(config.PORT, config.HOST);
  const logger = app.get(Logger);
  logger.log(
    `API listening on http://${config.HOST}:${config.PORT} (docs at /api/docs)`,
  );

  // Graceful shutdown: stop accepting, close idle keep-alive connections at once, let the requests
  // in flight finish, then close the database and Redis; never longer than SHUTDOWN_TIMEOUT_MS.
  // (Nest's own shutdown hooks would close the database before the requests in flight had finished.)
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(
      `${signal}: closing the API (at most ${config.SHUTDOWN_TIMEOUT_MS} ms; ${http.pending} request(s) in flight)`,
    );
    const timer = setTimeout(() => {
      logger.warn(
        `Shutdown timed out with ${http.pending} request(s) still in flight; closing their connections and exiting`,
      );
      http.destroy();
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    http
      .close()
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`Shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

// An unhandled rejection or uncaught exception is a bug: logged, then exit 1; the supervisor restarts the API.
exitOnUncaughtErrors('api');
bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
