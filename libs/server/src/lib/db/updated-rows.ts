/**
 * The rows an UPDATE or DELETE … RETURNING gave through `DataSource.query`: TypeORM's PostgreSQL
 * driver answers `[rows, rowCount]` for those commands, and the rows themselves for the others.
 */
export function updatedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
