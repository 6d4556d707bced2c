import { RecordDraft } from './record-draft';

describe('RecordDraft', () => {
  beforeEach(() => sessionStorage.clear());

  const draft = {
    values: { outcome: 'followed' },
    baseVersion: 3,
    baseSequence: 7,
  };

  it('keeps a draft through a reload (a new service reads sessionStorage)', () => {
    new RecordDraft().set('u:case-1/decision?', draft);
    expect(new RecordDraft().get('u:case-1/decision?')).toEqual(draft);
  });

  it('forgets a draft when saved or cancelled, and every draft at sign-out', () => {
    const drafts = new RecordDraft();
    drafts.set('a', draft);
    drafts.set('b', draft);
    drafts.clear('a');
    expect(new RecordDraft().get('a')).toBeUndefined();
    drafts.clearAll();
    expect(new RecordDraft().get('b')).toBeUndefined();
    expect(sessionStorage.length).toBe(0);
  });
});
