import { writeSync } from 'node:fs';

/** What `exitOnUncaughtErrors` needs of the process (the real one, or a stand-in in its test). */
export interface FatalErrorHost {
  on(
    event: 'unhandledRejection' | 'uncaughtException',
    listener: (error: unknown) => void,
  ): unknown;
  exit(code: number): never | void;
}

/**
 * An unhandled rejection or an uncaught exception is a bug, and the process's state can no longer
 * be trusted: it is logged (one JSON line at pino's `fatal` level, written synchronously to
 * stderr, because the logger may be what failed) and the process exits with code 1, so that its
 * supervisor (systemd, Kubernetes, `npm start`) starts a fresh one. Installed first thing in
 * each app's main.ts.
 */
export function exitOnUncaughtErrors(
  app: string,
  host: FatalErrorHost = process,
  write: (line: string) => void = (line) => writeSync(2, line),
): void {
  let exiting = false;
  const fail = (kind: string) => (error: unknown) => {
    if (!exiting) {
      exiting = true;
      const err =
        error instanceof Error
          ? { type: error.name, message: error.message, stack: error.stack }
          : { message: String(error) };
      try {
        write(
          `${JSON.stringify({ level: 60, time: Date.now(), pid: process.pid, app, msg: `${kind}: exiting so that the supervisor restarts ${app}`, err })}\n`,
        );
      } catch {
        // stderr is gone too: nothing left to tell.
      }
    }
    host.exit(1);
  };
  host.on('unhandledRejection', fail('Unhandled promise rejection (a bug)'));
  host.on('uncaughtException', fail('Uncaught exception (a bug)'));
}
