/** An RFC 9457 problem response (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** For validation failures: each field and what is wrong with it. */
  errors?: { field: string; message: string }[];
}
