import { fromBufferPromise } from 'yauzl';

/**
 * Office documents that are zip archives (Word, Excel and PowerPoint since 2007, OpenDocument):
 * what a 10 MB upload may unpack to. A "zip bomb" (1 MB holding 1 GiB, to exhaust the disk or
 * memory of whoever opens it) is refused.
 */
export const ZIP_DOCUMENT_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

export interface ZipLimits {
  /** Bytes every entry together may unpack to. */
  maxUnpackedBytes: number;
  /** Entries (files and folders) in the archive. */
  maxEntries: number;
}

/** 100 MB unpacked (a long report full of photographs stays well under), 10,000 parts. */
export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
};

export type ZipCheck =
  | { ok: true; unpackedBytes: number; entries: number }
  | { ok: false; reason: 'too_large' | 'too_many_entries' | 'unreadable' };

/**
 * Reads the archive's central directory (yauzl) and adds up what its entries say they unpack to,
 * refusing beyond the limits; then inflates every entry, counting the bytes that really come out,
 * so that a directory that lies about its sizes is caught too (yauzl also refuses an entry whose
 * data does not match its declared size). The work is bounded by `maxUnpackedBytes`.
 */
export async function checkZipDocument(
  buffer: Buffer,
  limits: ZipLimits = OFFICE_ZIP_LIMITS,
): Promise<ZipCheck> {
  let zip;
  try {
    zip = await fromBufferPromise(buffer, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      return { ok: false, reason: 'too_many_entries' };
    let declared = 0;
    let unpacked = 0;
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnpackedBytes)
        return { ok: false, reason: 'too_large' };
      if (entry.fileName.endsWith('/')) continue;
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream) {
        unpacked += (chunk as Buffer).length;
        if (unpacked > limits.maxUnpackedBytes) {
          stream.destroy();
          return { ok: false, reason: 'too_large' };
        }
      }
    }
    return { ok: true, unpackedBytes: unpacked, entries: zip.entryCount };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    zip.close();
  }
}
