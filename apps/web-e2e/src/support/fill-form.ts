import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Answers an entry form the way a caseworker would, whatever its questions: every question not
 * marked "(optional)" and still unanswered gets an answer, again after each pass, so that the
 * questions an answer reveals are answered too. `answers` names the answer to give where the first
 * choice or the default would not do, by the question's words (a legend or a label): an option's
 * words, a date (YYYY-MM-DD) or text. Dates default to `date`.
 */
export async function fillEntryForm(
  page: Page,
  date: string,
  answers: Record<string, string> = {},
): Promise<void> {
  const form = page.locator('main form');
  for (let pass = 0; pass < 4; pass++) {
    let answered = 0;
    // Radios: one group per fieldset.
    for (const group of await form
      .locator(
        'fieldset:has(> .govuk-radios), fieldset:has(> div > .govuk-radios)',
      )
      .all()) {
      const legend = await questionOf(group);
      const radios = group.locator(
        ':scope > .govuk-radios > .govuk-radios__item input, :scope > div > .govuk-radios > .govuk-radios__item input',
      );
      if ((await radios.count()) === 0) continue;
      if (await anyChecked(radios)) continue;
      const wanted = answers[legend];
      if (wanted)
        await group.getByLabel(wanted, { exact: true }).first().check();
      else await radios.first().check();
      answered++;
    }
    // Dates: GOV.UK date inputs.
    for (const group of await form
      .locator('fieldset:has(.govuk-date-input)')
      .all()) {
      const legend = await questionOf(group);
      const day = group.getByLabel('Day');
      if ((await day.inputValue()) !== '') continue;
      if (legend.endsWith('(optional)') && !answers[legend]) continue;
      const [y, m, d] = (answers[legend] ?? date).split('-');
      await day.fill(String(Number(d)));
      await group.getByLabel('Month').fill(String(Number(m)));
      await group.getByLabel('Year').fill(y ?? '');
      answered++;
    }
    // Text: inputs outside date groups, and text areas.
    for (const field of await form
      .locator(
        '.govuk-form-group:not(:has(.govuk-date-input)) :is(input.govuk-input, textarea)',
      )
      .all()) {
      if (!(await field.isVisible()) || (await field.inputValue()) !== '')
        continue;
      const id = await field.getAttribute('id');
      const label = id
        ? (
            (await form.locator(`label[for="${id}"]`).first().textContent()) ??
            ''
          )
            .replace(/\s+/g, ' ')
            .trim()
        : '';
      if (label.endsWith('(optional)') && !answers[label]) continue;
      await field.fill(
        answers[label] ?? 'Recorded by the browser test of every form.',
      );
      answered++;
    }
    // Checkboxes that must be ticked (not optional).
    for (const group of await form
      .locator('fieldset:has(> .govuk-checkboxes)')
      .all()) {
      const legend = await questionOf(group);
      if (legend.endsWith('(optional)') && !answers[legend]) continue;
      const boxes = group.locator('input[type=checkbox]');
      if (await anyChecked(boxes)) continue;
      const wanted = answers[legend];
      if (wanted) await group.getByLabel(wanted, { exact: true }).check();
      else await boxes.first().check();
      answered++;
    }
    // Selects.
    for (const select of await form.locator('select').all()) {
      if ((await select.inputValue()) !== '') continue;
      const options = await select.locator('option').all();
      const value = await options[1]?.getAttribute('value');
      if (value) {
        await select.selectOption(value);
        answered++;
      }
    }
    if (answered === 0) return;
  }
}

async function questionOf(group: Locator): Promise<string> {
  const legend = group.locator(':scope > legend').first();
  return ((await legend.count()) ? ((await legend.textContent()) ?? '') : '')
    .replace(/\s+/g, ' ')
    .trim();
}

async function anyChecked(inputs: Locator): Promise<boolean> {
  for (const input of await inputs.all())
    if (await input.isChecked()) return true;
  return false;
}

/** "Continue", then the check page (any error on the form fails with its words), then "Save" and the banner. */
export async function continueAndSave(
  page: Page,
  banner: string,
): Promise<void> {
  const button = page
    .locator('main form')
    .getByRole('button', { name: /^(Continue|Save|Record)/ })
    .last();
  await button.click();
  const summary = page.locator('.govuk-error-summary');
  const check = page.getByRole('heading', {
    level: 1,
    name: 'Check your answers before saving',
  });
  const saved = page.locator('.govuk-notification-banner__heading');
  await expect(summary.or(check).or(saved).first()).toBeVisible();
  if (await summary.isVisible())
    throw new Error(
      `The form refused its answers: ${(await summary.textContent())?.replace(/\s+/g, ' ')}`,
    );
  if (await check.isVisible())
    await page.getByRole('button', { name: 'Save' }).click();
  await expect(saved).toHaveText(banner);
}
