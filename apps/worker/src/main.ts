import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, ConfigError } from '@send/server';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app/app.module';

/** The worker: a Nest application context (no HTTP) running the outbox relay and the BullMQ processors. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const { SHUTDOWN_TIMEOUT_MS } = app.get<AppConfig>(APP_CONFIG);

  // Graceful shutdown: stop taking jobs and let running ones finish, but never wait for ever. A job
  // cut short is retried by another worker once its lock expires; handlers are idempotent.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: closing the worker (at most ${SHUTDOWN_TIMEOUT_MS} ms)`);
    const timer = setTimeout(() => {
      logger.warn('Shutdown timed out; exiting with jobs still running (they will be retried)');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  logger.log('Worker started');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
