import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';

/**
 * A file being written from a stream, with its size and SHA-256 worked out on the way. `write`
 * waits while the disk is behind (backpressure), so memory stays constant however big the file.
 */
export class FileSink {
  /** Where text and bytes go when the sink was not given a source stream. */
  readonly input = new PassThrough();
  private size = 0;
  private readonly hash = createHash('sha256');
  private readonly done: Promise<void>;
  private readonly failed: Promise<never>;

  constructor(path: string, source?: Readable) {
    const meter = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.size += chunk.length;
        this.hash.update(chunk);
        callback(null, chunk);
      },
    });
    this.done = pipeline(source ?? this.input, meter, createWriteStream(path, { mode: 0o600 }));
    this.failed = this.done.then(() => new Promise<never>(() => undefined));
    this.done.catch(() => undefined); // reported by write() and end()
  }

  async write(chunk: string | Buffer): Promise<void> {
    if (!this.input.write(chunk)) await Promise.race([once(this.input, 'drain'), this.failed]);
  }

  /** Waits until `stream` (the source given to the constructor) has handed most of what it holds to the file. */
  async drained(stream: Readable, limit = 1 << 20): Promise<void> {
    while (stream.readableLength > limit) {
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 5)), this.failed]);
    }
  }

  /** Ends the input (when there is no source stream) and resolves once everything is on disk. */
  async end(): Promise<{ size: number; sha256: string }> {
    if (!this.input.writableEnded) this.input.end();
    await this.done;
    return { size: this.size, sha256: this.hash.digest('hex') };
  }

  /** Stops writing (after a failure). */
  destroy(error: Error): void {
    this.input.destroy(error);
  }
}
