// A load balancer on loopback for the end-to-end run: a reverse proxy (http-proxy-3) that hands each
// request to the next of several API processes in turn (round robin), as councils run the API.
import { Agent, createServer } from 'node:http';
import { createProxyServer } from 'http-proxy-3';

/**
 * Idle connections: the proxy keeps a client's for 65 s, as the API does (HTTP_KEEP_ALIVE_TIMEOUT_MS),
 * longer than clients keep theirs (Node's fetch: 4 s, or the server's hint less a margin), so a
 * client never sends a request on a connection the proxy is closing ("other side closed"). Towards
 * the API, the proxy drops a connection idle for 20 s, well before the API's 65 s: it never reuses one
 * the API is closing.
 */
export const PROXY_KEEP_ALIVE_MS = 65_000;
const UPSTREAM_IDLE_MS = 20_000;

/**
 * Starts the proxy on `port` (127.0.0.1) in front of `targets` (base URLs). Answers its URL, how many
 * requests each target was given (by target URL), and a function that stops it.
 */
export async function startProxy(targets, port) {
  const agent = new Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS });
  const proxy = createProxyServer({ agent, xfwd: false });
  const served = Object.fromEntries(targets.map((t) => [t, 0]));
  let next = 0;
  proxy.on('error', (error, _req, res) => {
    // An API process that fails a request mid-way: a gateway error, as a load balancer answers.
    if (res && 'writeHead' in res && !res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${error.message}`);
    } else {
      res?.destroy?.();
    }
  });
  const server = createServer((req, res) => {
    const target = targets[next++ % targets.length];
    served[target]++;
    proxy.web(req, res, { target });
  });
  server.keepAliveTimeout = PROXY_KEEP_ALIVE_MS;
  server.headersTimeout = PROXY_KEEP_ALIVE_MS + 1_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
      agent.destroy();
      proxy.close?.();
    },
  };
}
