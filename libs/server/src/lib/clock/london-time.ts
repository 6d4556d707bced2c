import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const LONDON = 'Europe/London';

/** An instant as a person in England reads it: `2026-12-04 11:41:42`, Europe/London (GMT or BST). */
export function londonDateTime(at: Date | string): string {
  return format(new TZDate(new Date(at), LONDON), 'yyyy-MM-dd HH:mm:ss');
}
