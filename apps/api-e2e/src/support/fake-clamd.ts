import { createServer, type Server, type Socket } from 'node:net';

/** The EICAR test string: every antivirus reports it as malware (it is harmless). */
export const EICAR =
  'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
/** Content that makes the fake scanner never answer (a scanner that hangs). */
export const HANG = 'HANG-THE-FAKE-SCANNER';

export interface FakeClamd {
  port: number;
  /** Every file received over INSTREAM, whole. */
  received: Buffer[];
  stop: () => Promise<void>;
}

/**
 * A tiny stand-in for ClamAV's clamd on loopback, speaking its INSTREAM protocol (clamd(8)): it
 * reads `zINSTREAM\0`, then chunks each preceded by a 4-byte big-endian length, until a zero
 * length; it answers `stream: Eicar-Test-Signature FOUND\0` when the file holds the EICAR string,
 * nothing at all when it holds `HANG`, and `stream: OK\0` otherwise.
 */
export async function startFakeClamd(): Promise<FakeClamd> {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    let commandSeen = false;
    const parts: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (!commandSeen) {
        const end = buffer.indexOf(0);
        if (end < 0) return;
        if (buffer.subarray(0, end).toString() !== 'zINSTREAM') {
          socket.end('UNKNOWN COMMAND\0');
          return;
        }
        commandSeen = true;
        buffer = buffer.subarray(end + 1);
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          const file = Buffer.concat(parts);
          received.push(file);
          buffer = Buffer.alloc(0);
          const text = file.toString('latin1');
          if (text.includes(HANG)) return;
          socket.end(
            text.includes('EICAR-STANDARD-ANTIVIRUS-TEST-FILE')
              ? 'stream: Eicar-Test-Signature FOUND\0'
              : 'stream: OK\0',
          );
          return;
        }
        if (buffer.length < 4 + length) return;
        parts.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
