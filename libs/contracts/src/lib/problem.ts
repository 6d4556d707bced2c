/** An RFC 9457 problem response (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** For validation failures: each field and what is wrong with it. */
  errors?: { field: string; message: string }[];
  /**
   * On a 500 from a case write, when the server knows: `false` when nothing was saved (the
   * transaction rolled back), `true` when the entry was saved but the case could not be read back
   * to answer with it (then `caseId`, `sequence` and `version` say what was saved). Absent when it
   * is not known (reload the case to see).
   */
  saved?: boolean;
  /** With `saved: true`: the case the entry was saved on. */
  caseId?: string;
  /** With `saved: true`: the entry's number in the case's history. */
  sequence?: number;
  /** With `saved: true`: the case's version now (send it as `expectedVersion` with the next entry). */
  version?: number;
}
