import { createResponseForm, formErrors, problemErrors, ResponseForm, toRequest } from './recommendation-response-form';

const TODAY = '2026-06-10';

function validForm(): ResponseForm {
  const form = createResponseForm(() => TODAY);
  form.setValue({
    outcome: 'followed',
    reasons: '',
    sentOn: { day: '3', month: '6', year: '2026' },
    sentTo: { recipient: 'parent', councilSendTeam: false },
  });
  return form;
}

const messages = (form: ResponseForm) => formErrors(form).map((e) => e.message);
const fields = (form: ResponseForm) => formErrors(form).map((e) => e.field);

describe('the recommendation response form', () => {
  it('accepts a followed recommendation without reasons', () => {
    const form = validForm();
    expect(form.valid).toBe(true);
    expect(toRequest(form.getRawValue(), 7, TODAY)).toEqual({
      expectedVersion: 7,
      outcome: 'followed',
      sentOn: '2026-06-03',
      recipient: 'parent',
      sentTo: ['Parent'],
    });
  });

  it('reports every missing answer of an empty form, in page order', () => {
    const form = createResponseForm(() => TODAY);
    expect(form.valid).toBe(false);
    expect(fields(form)).toEqual(['outcome', 'sentOn', 'sentTo']);
    expect(formErrors(form).map((e) => e.targetId)).toEqual(['outcome', 'sentOn-day', 'sentTo']);
  });

  it.each(['partly_followed', 'not_followed'] as const)('requires reasons when %s', (outcome) => {
    const form = validForm();
    form.patchValue({ outcome, reasons: '   ' });
    expect(fields(form)).toEqual(['reasons']);
    form.patchValue({ reasons: 'The ICB does not commission this therapy.' });
    expect(form.valid).toBe(true);
    expect(toRequest(form.getRawValue(), 1, TODAY).reasons).toBe('The ICB does not commission this therapy.');
  });

  it('rejects an impossible date such as 31/02/2026', () => {
    const form = validForm();
    form.controls.sentOn.setValue({ day: '31', month: '2', year: '2026' });
    expect(messages(form)).toEqual(['Date the response was sent must be a real date']);
  });

  it.each([
    [{ day: '', month: '', year: '' }, 'Enter the date the response was sent', ['day', 'month', 'year']],
    [{ day: '', month: '6', year: '2026' }, 'Date the response was sent must include a day', ['day']],
    [{ day: '3', month: '', year: '' }, 'Date the response was sent must include a month and year', ['month', 'year']],
    [{ day: 'x', month: '6', year: '2026' }, 'Date the response was sent must be a real date', ['day', 'month', 'year']],
    [{ day: '3', month: '6', year: '26' }, 'Year must include 4 numbers', ['year']],
    [{ day: '11', month: '6', year: '2026' }, 'Date the response was sent must be today or in the past', ['day', 'month', 'year']],
  ])('checks the date %o', (sentOn, message, parts) => {
    const form = validForm();
    form.controls.sentOn.setValue(sentOn);
    expect(formErrors(form)).toEqual([expect.objectContaining({ field: 'sentOn', message, parts })]);
  });

  it('accepts 29 February in a leap year and today', () => {
    const form = createResponseForm(() => '2028-03-01');
    form.setValue({
      outcome: 'followed',
      reasons: '',
      sentOn: { day: '29', month: '02', year: '2028' },
      sentTo: { recipient: 'young_person', councilSendTeam: true },
    });
    expect(form.valid).toBe(true);
    form.controls.sentOn.setValue({ day: '1', month: '3', year: '2028' });
    expect(form.valid).toBe(true);
  });

  it('requires the parent or the young person as recipient, and sends the recipients as words', () => {
    const form = validForm();
    form.controls.sentTo.setValue({ recipient: null, councilSendTeam: true });
    expect(messages(form)).toEqual(['Select whether the response was sent to the parent or the young person']);
    form.controls.sentTo.setValue({ recipient: 'young_person', councilSendTeam: true });
    expect(toRequest(form.getRawValue(), 1, TODAY)).toMatchObject({ recipient: 'young_person', sentTo: ['Young person', 'Council SEND team'] });
  });

  it("puts the API's validation errors against the fields it names", () => {
    expect(
      problemErrors({
        type: 'about:blank',
        title: 'Bad request',
        status: 400,
        detail: 'The response is not valid',
        errors: [
          { field: 'reasons', message: 'Give reasons' },
          { field: 'sentTo[0]', message: 'Unknown recipient' },
          { field: 'expectedVersion', message: 'Must be a number' },
        ],
      }),
    ).toEqual([
      { field: 'reasons', targetId: 'reasons', message: 'Give reasons' },
      { field: 'sentTo', targetId: 'sentTo', message: 'Unknown recipient' },
      { message: 'Must be a number' },
    ]);
    expect(problemErrors({ type: 'x', title: 'Conflict', status: 409, detail: 'The case has changed.' })).toEqual([
      { message: 'The case has changed.' },
    ]);
  });
});
