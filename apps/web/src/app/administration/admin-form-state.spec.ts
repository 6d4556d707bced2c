import { HttpErrorResponse } from '@angular/common/http';
import { Subject, throwError } from 'rxjs';
import { SERVICE_PROBLEM } from '../shared/problem';
import { AdminFormState, changedValues } from './admin-form-state';

const refusal = (
  status: number,
  errors?: { field: string; message: string }[],
) =>
  new HttpErrorResponse({
    status,
    error: {
      type: 'about:blank',
      title: 'Refused',
      status,
      detail: 'That email address is already used by another account',
      ...(errors ? { errors } : {}),
    },
  });

describe('the state of an administrator’s form', () => {
  it('shows the confirmation it is given first, and finds each field’s error', () => {
    const form = new AdminFormState(['name'], 'Staff account added for Robin');
    expect(form.banner()).toBe('Staff account added for Robin');

    expect(
      form.check([
        { field: 'name', targetId: 'name', message: 'Enter their full name' },
      ]),
    ).toBe(false);
    expect(form.fieldError('name')?.message).toBe('Enter their full name');
    expect(form.fieldError('team')).toBeUndefined();

    expect(form.check([])).toBe(true);
    expect(form.errors()).toEqual([]);
  });

  it('is busy while a change is sent, then confirms it in the banner and clears the errors', async () => {
    const form = new AdminFormState(['name']);
    form.errors.set([{ message: 'Sorry, there is a problem' }]);
    const answer = new Subject<{ name: string }>();
    const sent = form.send(answer, (r) => `Staff account added for ${r.name}`);
    expect(form.busy()).toBe(true);

    answer.next({ name: 'Robin' });
    await sent;
    expect(form.busy()).toBe(false);
    expect(form.banner()).toBe('Staff account added for Robin');
    expect(form.errors()).toEqual([]);
  });

  it('shows a refusal at the form’s own fields, else in the summary, and the banner goes', async () => {
    const form = new AdminFormState(['email'], 'An earlier change');
    await form.send(
      throwError(() =>
        refusal(400, [
          { field: 'email', message: 'Enter an email address' },
          { field: 'other', message: 'Not on this form' },
        ]),
      ),
      () => 'Never',
    );
    expect(form.banner()).toBeUndefined();
    expect(form.busy()).toBe(false);
    expect(form.errors()).toEqual([
      { field: 'email', targetId: 'email', message: 'Enter an email address' },
    ]);

    await form.send(
      throwError(() => refusal(409)),
      () => 'Never',
    );
    expect(form.errors()).toEqual([
      {
        message: 'That email address is already used by another account',
      },
    ]);

    await form.send(
      throwError(() => refusal(503)),
      () => 'Never',
    );
    expect(form.errors()).toEqual([{ message: SERVICE_PROBLEM }]);
  });

  it('leaves the page as it is when the change is confirmed on another page', async () => {
    const form = new AdminFormState(['name']);
    form.errors.set([{ message: 'Shown until the page goes' }]);
    const answer = new Subject<void>();
    const sent = form.send(answer, () => undefined);
    answer.complete();
    await sent;
    expect(form.banner()).toBeUndefined();
    expect(form.errors()).toEqual([{ message: 'Shown until the page goes' }]);
    expect(form.busy()).toBe(false);
  });

  it('shows the service problem when what follows a change fails', async () => {
    const form = new AdminFormState(['name']);
    const answer = new Subject<string>();
    const sent = form.send(answer, () => {
      throw new Error('navigation failed');
    });
    answer.next('done');
    await sent;
    expect(form.errors()).toEqual([{ message: SERVICE_PROBLEM }]);
    expect(form.busy()).toBe(false);
  });
});

describe('what an edit page asks to change', () => {
  it('is only the values that differ, in the order given', () => {
    const provider = {
      id: 'p-1',
      name: 'Harbour Mediation',
      email: 'hello@harbour.example' as string | null,
      phone: null as string | null,
    };
    expect(
      changedValues(provider, {
        name: 'Harbour Mediation',
        email: null,
        phone: '0100 000 0000',
      }),
    ).toEqual({ email: null, phone: '0100 000 0000' });
    expect(
      Object.keys(
        changedValues(provider, {
          phone: '1',
          name: 'Harbour',
          email: 'hello@harbour.example',
        }),
      ),
    ).toEqual(['phone', 'name']);
    expect(
      changedValues(provider, {
        name: 'Harbour Mediation',
        email: 'hello@harbour.example',
        phone: null,
      }),
    ).toEqual({});
  });
});
