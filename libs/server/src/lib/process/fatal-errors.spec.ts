import { EventEmitter } from 'node:events';
import { exitOnUncaughtErrors } from './fatal-errors';

function fakeProcess() {
  const host = Object.assign(new EventEmitter(), { exit: jest.fn() });
  const lines: string[] = [];
  exitOnUncaughtErrors('worker', host, (line) => lines.push(line));
  return { host, lines };
}

describe('exitOnUncaughtErrors', () => {
  it('logs an unhandled rejection as one fatal JSON line and exits with code 1', () => {
    const { host, lines } = fakeProcess();
    host.emit(
      'unhandledRejection',
      new Error('ENOSPC: no space left on device, write'),
    );
    expect(host.exit).toHaveBeenCalledWith(1);
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0] ?? '');
    expect(logged).toMatchObject({
      level: 60,
      app: 'worker',
      err: { type: 'Error', message: 'ENOSPC: no space left on device, write' },
    });
    expect(logged.msg).toMatch(/^Unhandled promise rejection \(a bug\)/);
    expect(logged.err.stack).toContain('fatal-errors.spec');
  });

  it('does the same for an uncaught exception, and for something thrown that is not an Error', () => {
    const { host, lines } = fakeProcess();
    host.emit('uncaughtException', 'a string');
    expect(host.exit).toHaveBeenCalledWith(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 60,
      err: { message: 'a string' },
    });
    expect(JSON.parse(lines[0] ?? '').msg).toMatch(/^Uncaught exception/);
  });

  it('still exits when writing the log fails', () => {
    const host = Object.assign(new EventEmitter(), { exit: jest.fn() });
    exitOnUncaughtErrors('api', host, () => {
      throw new Error('EPIPE');
    });
    host.emit('unhandledRejection', new Error('x'));
    expect(host.exit).toHaveBeenCalledWith(1);
  });
});
