/**
 * Group commit: rows that must be written before their callers go on (an access-log row before the
 * answer it records) are written together, one statement for all the rows that arrived while the
 * previous statement ran. Each caller's promise settles with the statement that held its row, so
 * nothing is answered before its row is committed and a failed write fails every request it held.
 * With one caller at a time this is one statement a row, as before; with many it saves a round trip
 * and a commit (a WAL flush) for all but one of them.
 */
export class GroupCommit<T> {
  private pending: {
    row: T;
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];
  private writing = false;

  constructor(
    private readonly write: (rows: T[]) => Promise<void>,
    private readonly maxRows = 500,
  ) {}

  add(row: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.maxRows);
        try {
          await this.write(batch.map((p) => p.row));
          for (const p of batch) p.resolve();
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
