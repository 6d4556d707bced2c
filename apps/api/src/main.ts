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
} from '@send/server';
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

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Request size limits: JSON bodies are small; documents have their own limit (multer).
  app.useBodyParser('json', { limit: '200kb' });
  app.useBodyParser('urlencoded', { limit: '20kb', extended: false });

  // Swagger UI ships an inline style: its own, slightly wider policy, on its own path only.
  app.use(
    '/api/docs',
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { ...APP_CSP.directives, styleSrc: ["'self'", "'unsafe-inline'"] } },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: APP_CSP,
      strictTransportSecurity: config.NODE_ENV === 'production' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
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
  if (config.NODE_ENV === 'production') app.use(['/api/docs', '/api/docs-json'], administratorsOnly);
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });

  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`API listening on http://${config.HOST}:${config.PORT} (docs at /api/docs)`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
