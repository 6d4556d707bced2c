/** The largest document the service accepts (the upload's limit, and the 413 answer's words). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
