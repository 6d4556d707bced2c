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
  mountQueueBoard,
  ProblemFilter,
  SessionService,
  trustProxySetting,
} from '@send/server';
import type { NextFunction, Request, Response } from 'express';
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
    baseUri: ["'self'"],
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
const isDocsPath = (path: string) => /^\/api\/docs(?:-json|-yaml)?(?:\/|$)/i.test(path);

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // From where: the client's address, as far back through X-Forwarded-For as TRUST_PROXY allows.
  app.set('trust proxy', trustProxySetting(config));
  // Request size limits: JSON bodies are small; documents have their own limit (multer). No route
  // takes a urlencoded form, so none is parsed: a form posted from another site reaches no handler
  // with a body.
  app.useBodyParser('json', { limit: '200kb' });

  app.use(
    helmet({
      contentSecurityPolicy: APP_CSP,
      strictTransportSecurity: config.NODE_ENV === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  // Swagger UI ships an inline style: its own, slightly wider policy, on its pages only. Set after
  // the global one, which it replaces there (the last Content-Security-Policy header set wins).
  const docsCsp = helmet.contentSecurityPolicy({ useDefaults: false, directives: { ...APP_CSP.directives, styleSrc: ["'self'", "'unsafe-inline'"] } });
  app.use((request: Request, response: Response, next: NextFunction) => (isDocsPath(request.path) ? docsCsp(request, response, next) : next()));
  app.use('/api', (_req: unknown, res: { setHeader(n: string, v: string): void }, next: () => void) => {
    // Answers hold personal data: never cached by the browser or a proxy.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();

  // Pages outside Nest's guards: Bull Board always, and in production the API documentation, are
  // for signed-in administrators only.
  const administratorsOnly = adminOnly(app.get(SessionService), cookiesAreSecure(config));
  mountQueueBoard(app, administratorsOnly);
  if (config.NODE_ENV === 'production') {
    app.use((request: Request, response: Response, next: NextFunction) =>
      isDocsPath(request.path) ? administratorsOnly(request, response, next) : next(),
    );
  }
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });

  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`API listening on http://${config.HOST}:${config.PORT} (docs at /api/docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
