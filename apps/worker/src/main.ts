import { NestFactory } from '@nestjs/core';
import {
  APP_CONFIG,
  type AppConfig,
  ConfigError,
  exitOnUncaughtErrors,
} from '@send/server';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app/app.module';

/**
 * A promise rejected with no one to handle it is a bug: its work did not finish and no one knows.
 * The worker logs it and exits (1); the supervisor (systemd, Kubernetes, a container runtime)
 * starts it again, and the tick takes up whatever was due from PostgreSQL.
 */
let log: (message: string) => void = (message) => console.error(message);
process.on('unhandledRejection', (reason: unknown) => {
  log(
    `Unhandled promise rejection (a bug): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}; exiting`,
  );
  process.exit(1);
});

/** The worker: a Nest application context (no HTTP) running the deadline tick, the mail pump and the BullMQ processors. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  log = (message) => logger.error(message);
  const { SHUTDOWN_TIMEOUT_MS } = app.get<AppConfig>(APP_CONFIG);

  // Graceful shutdown: stop ticking and taking jobs and let running ones finish, but never wait for
  // ever. A job cut short is run again (its lock expires) or its action claimed again by a tick.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(
      `${signal}: closing the worker (at most ${SHUTDOWN_TIMEOUT_MS} ms)`,
    );
    const timer = setTimeout(() => {
      logger.warn(
        'Shutdown timed out; exiting with jobs still running (they will be retried)',
      );
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

// An unhandled rejection or uncaught exception is a bug: logged, then exit 1; the supervisor restarts the worker.
exitOnUncaughtErrors('worker');
bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
