import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';

/** How many bytes are gathered before they are written to the file (see the README's national-scale benchmark). */
const WRITE_BLOCK = 64 * 1024;

/**
 * A file being written from a stream, with its size and SHA-256 worked out on the way. `write`
 * waits while the disk is behind (backpressure), so memory stays constant however big the file.
 *
 * When the file cannot be written (a full disk, a folder the process may not write to), every
 * wait here rejects with the file system's error (e.g. ENOSPC), so that the export stops at once
 * rather than waiting for ever for a disk that will not drain; the failure is never left as an
 * unhandled rejection.
 */
export class FileSink {
  /** Where text and bytes go when the sink was not given a source stream. */
  readonly input = new PassThrough();
  private size = 0;
  private readonly hash = createHash('sha256');
  private readonly file: WriteStream;
  /** Settles once the pipeline has finished or failed (then with its first error). */
  private readonly done: Promise<void>;
  /** Rejects when the pipeline fails; never resolves. Only ever raced against another wait. */
  private readonly failed: Promise<never>;
  /** Why the pipeline failed, once it has. */
  private failure: unknown;

  constructor(path: string, source?: Readable) {
    // Small writes (a CSV row, a JSON event) are gathered into blocks of WRITE_BLOCK bytes before
    // they are hashed and written: one write to the disk a block, not a system call a row.
    let held: Buffer[] = [];
    let heldBytes = 0;
    const pass = (push: (chunk: Buffer) => unknown) => {
      if (heldBytes === 0) return;
      const block =
        held.length === 1
          ? (held[0] as Buffer)
          : Buffer.concat(held, heldBytes);
      held = [];
      heldBytes = 0;
      this.size += block.length;
      this.hash.update(block);
      push(block);
    };
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        held.push(chunk);
        heldBytes += chunk.length;
        if (heldBytes >= WRITE_BLOCK) pass((b) => this.push(b));
        callback();
      },
      flush(callback) {
        pass((b) => this.push(b));
        callback();
      },
    });
    this.file = createWriteStream(path, { mode: 0o600 });
    this.done = pipeline(source ?? this.input, meter, this.file);
    this.failed = new Promise<never>((_resolve, reject) => {
      this.done.catch((error: unknown) => {
        this.failure ??= error;
        reject(error);
      });
    });
    // Whoever waits on the sink hears of the failure through guard(), write(), drained() or end().
    this.failed.catch(() => undefined);
  }

  /** Waits for `wait`, unless writing the file fails first: then rejects with that failure. */
  guard<T>(wait: Promise<T>): Promise<T> {
    return Promise.race([wait, this.failed]);
  }

  async write(chunk: string | Buffer): Promise<void> {
    if (!this.input.write(chunk)) await this.guard(once(this.input, 'drain'));
  }

  /** Waits until `stream` (the source given to the constructor) has handed most of what it holds to the file. */
  async drained(stream: Readable, limit = 1 << 20): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    while (stream.readableLength > limit) {
      await this.guard(new Promise((resolve) => setTimeout(resolve, 5)));
    }
  }

  /** Ends the input (when there is no source stream) and resolves once everything is on disk. */
  async end(): Promise<{ size: number; sha256: string }> {
    if (!this.input.writableEnded) this.input.end();
    await this.done;
    return { size: this.size, sha256: this.hash.digest('hex') };
  }

  /**
   * Stops writing after a failure (`head`, the first stream of the chain, is destroyed with
   * `error`, and the rest of the pipeline with it) and resolves once the file is closed, so that
   * it can be removed. Answers the error that made the file itself fail (e.g. ENOSPC), if it was
   * the file that failed first; undefined when the failure came from elsewhere.
   */
  async abort(
    head: { destroy(error?: Error): unknown },
    error: Error,
  ): Promise<Error | undefined> {
    head.destroy(error);
    const first = await this.done.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (!this.file.closed)
      await once(this.file, 'close').catch(() => undefined);
    return first instanceof Error && first !== error ? first : undefined;
  }
}
