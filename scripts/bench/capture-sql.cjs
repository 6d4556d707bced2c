// Preloaded into the API by `npm run bench:national` (node --require): on SIGUSR2 it starts, and on
// the next SIGUSR2 stops, appending each statement the API sends to PostgreSQL (text and values, one
// JSON line each) to BENCH_SQL_LOG, so that the benchmark can run exactly the app's SQL through pgbench.
const { appendFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.BENCH_SQL_LOG;
let on = false;
if (file) {
  process.on('SIGUSR2', () => {
    on = !on;
  });
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function capture(config, values, callback) {
    if (on) {
      const text = typeof config === 'string' ? config : config?.text;
      const params = Array.isArray(values) ? values : config?.values;
      if (text)
        appendFileSync(
          file,
          `${JSON.stringify({ text, values: params ?? [] })}\n`,
        );
    }
    return query.call(this, config, values, callback);
  };
}
