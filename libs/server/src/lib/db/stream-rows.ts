import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';

/**
 * Streams the rows of a query from a server-side cursor (pg-query-stream): constant memory
 * whatever the number of rows. The connection goes back to the pool when the stream ends,
 * fails or is destroyed (the client went away).
 */
export async function streamRows(db: DataSource, sql: string, params: unknown[] = []): Promise<Readable> {
  const runner = db.createQueryRunner();
  await runner.connect();
  let released = false;
  const release = () => {
    if (!released) {
      released = true;
      void runner.release();
    }
  };
  try {
    const stream = await runner.stream(sql, params);
    stream.once('end', release);
    stream.once('error', release);
    stream.once('close', release);
    return stream;
  } catch (error) {
    release();
    throw error;
  }
}
