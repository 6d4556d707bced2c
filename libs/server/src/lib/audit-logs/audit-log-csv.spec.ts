import { LETTER_KIND_LABELS } from '@send/domain';
import type { SecurityLogRow } from '../audit/audit-log.repository';
import { securityLogCsvRow } from './audit-log-csv';

/*
 * The security log's CSV, for auditors to read: an administrator's change to a letter template
 * names the kind of letter in words (LETTER_KIND_LABELS, as the screens do), not its code.
 */

const row = (detail: Record<string, unknown>): SecurityLogRow => ({
  id: '7',
  at: new Date('2026-12-04T10:30:00Z'),
  event: 'letter_template.uploaded',
  outcome: 'success',
  actorId: 'admin-1',
  actorName: 'Test Admin',
  actorRole: 'administrator',
  subjectUserId: null,
  subjectName: null,
  reason: null,
  detail,
  ip: '127.0.0.1',
});

describe('the security log CSV', () => {
  it.each(Object.entries(LETTER_KIND_LABELS))(
    'shows a letter template’s kind %s in words',
    (kind, label) => {
      const csv = securityLogCsvRow(
        row({ templateId: 't-1', kind, version: 2, filename: 'ours.docx' }),
      );
      expect(csv['detail']).toBe(
        `Template id: t-1\nKind: ${label}\nVersion: 2\nFilename: ours.docx`,
      );
      expect(csv['detail']).not.toContain(kind);
      expect(csv['eventCode']).toBe('letter_template.uploaded');
    },
  );

  it('keeps a kind it has no words for as recorded', () => {
    expect(securityLogCsvRow(row({ kind: 'something_else' }))['detail']).toBe(
      'Kind: something_else',
    );
  });
});
