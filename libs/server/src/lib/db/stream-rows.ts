import type { Readable } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';

/**
 * Streams the rows of a query from a server-side cursor (pg-query-stream): constant memory
 * whatever the number of rows. The connection goes back to the pool when the stream ends,
 * fails or is destroyed (the client went away).
 */
export async function streamRows(
  db: DataSource,
  sql: string,
  params: unknown[] = [],
  options: { batchSize?: number } = {},
): Promise<Readable> {
  const runner = db.createQueryRunner();
  const connection = (await runner.connect()) as PoolClient;
  let released = false;
  const release = () => {
    if (!released) {
      released = true;
      void runner.release();
    }
  };
  try {
    // `batchSize`: rows fetched from the cursor a round trip (pg-query-stream's default is 100).
    const stream: Readable = options.batchSize
      ? connection.query(
          new QueryStream(sql, params, {
            batchSize: options.batchSize,
            highWaterMark: options.batchSize,
          }),
        )
      : await runner.stream(sql, params);
    stream.once('end', release);
    stream.once('error', release);
    stream.once('close', release);
    return stream;
  } catch (error) {
    release();
    throw error;
  }
}
