/**
 * The name a document is stored and served under: the client's name without its extension
 * (made safe to show and to save on any system), and an extension that comes from the type
 * detected in the content, never from the client's name. PDF content sent as `letter.html`,
 * `setup.exe` or `scan.svg` is stored as `letter.pdf`, `setup.pdf`, `scan.pdf`.
 */
const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [
    'docx',
  ],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [
    'pptx',
  ],
  // Word 97–2003, Excel 97–2003 and PowerPoint 97–2003 share one container (OLE compound file), so the
  // content alone cannot choose among these three: the client's extension may, but only among them.
  'application/x-cfb': ['doc', 'xls', 'ppt'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/rtf': ['rtf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/tiff': ['tif', 'tiff'],
};

const MAX_NAME = 200;
/** Controls (C0, DEL, C1), path separators and what Windows refuses in a name. */
const isUnsafe = (c: string) => {
  const code = c.codePointAt(0) as number;
  return (
    code < 0x20 || (code >= 0x7f && code <= 0x9f) || '/\\:*?"<>|'.includes(c)
  );
};

export function storedDocumentName(
  clientName: string,
  detectedMime: string,
): string {
  const allowed = EXTENSIONS[detectedMime];
  if (!allowed) throw new Error(`no extension is known for ${detectedMime}`);
  const leaf = clientName.split(/[/\\]/).pop() ?? '';
  const dot = leaf.lastIndexOf('.');
  const [stem, given] =
    dot > 0
      ? [leaf.slice(0, dot), leaf.slice(dot + 1).toLowerCase()]
      : [leaf, ''];
  const extension = allowed.includes(given) ? given : (allowed[0] as string);
  const safe = [...stem.normalize('NFC')]
    .map((c) => (isUnsafe(c) ? '_' : c))
    .join('')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const base = [...(safe || 'document')]
    .slice(0, MAX_NAME - extension.length - 1)
    .join('');
  return `${base}.${extension}`;
}
