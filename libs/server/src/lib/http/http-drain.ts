import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Keep-alive and graceful shutdown for the API's HTTP server.
 *
 * Idle keep-alive connections stay open `keepAliveMs` (longer than clients' and load balancers'
 * own idle timeouts, so that the client is the one that closes them: see HTTP_KEEP_ALIVE_TIMEOUT_MS).
 *
 * `close()` (on SIGTERM): the server stops accepting connections and closes the idle keep-alive
 * ones at once; requests in flight finish, and each answer still to be written says
 * `Connection: close`; as each finishes its connection is closed. It resolves when none is left.
 * `destroy()` (past SHUTDOWN_TIMEOUT_MS) closes every connection, in flight or not.
 *
 * Node's own `server.close()` stops accepting and closes the connections idle at that moment, but
 * leaves a keep-alive connection open after its request in flight has been answered, for as long
 * as the keep-alive timeout: without this, the API would keep serving such a client and not exit.
 */
export class HttpDrain {
  private closing = false;
  private readonly inFlight = new Set<ServerResponse>();

  constructor(
    private readonly server: Server,
    keepAliveMs: number,
  ) {
    server.keepAliveTimeout = keepAliveMs;
    server.headersTimeout = keepAliveMs + 1_000;
    server.on(
      'request',
      (_request: IncomingMessage, response: ServerResponse) => {
        if (this.closing && !response.headersSent)
          response.setHeader('Connection', 'close');
        this.inFlight.add(response);
        response.once('close', () => {
          this.inFlight.delete(response);
          // Its connection is idle now: closed rather than kept for another request.
          if (this.closing)
            setImmediate(() => this.server.closeIdleConnections());
        });
      },
    );
  }

  /** Requests still being answered. */
  get pending(): number {
    return this.inFlight.size;
  }

  close(): Promise<void> {
    this.closing = true;
    for (const response of this.inFlight)
      if (!response.headersSent) response.setHeader('Connection', 'close');
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  destroy(): void {
    this.server.closeAllConnections();
  }
}
