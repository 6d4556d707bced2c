import { expect, type Page } from '@playwright/test';
import type { CaseDetail } from '@send/contracts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS } from './checks';

/** A case built through the API in the signed-in browser's session (what a test is not about). */
export interface CaseThroughApi {
  id: string;
  childName: string;
  /** The case now. */
  detail(): Promise<CaseDetail>;
  /** One entry, at the case's current version; fails the test unless the API took it. */
  post(path: string, data: Record<string, unknown>): Promise<CaseDetail>;
}

/** Opens a case of the signed-in caseworker's through the API: `name` and a unique tag make the child's name. */
export async function openCaseThroughApi(
  page: Page,
  name: string,
  dateOfBirth = '2014-05-06',
): Promise<CaseThroughApi> {
  const session = await (await page.request.get('/api/auth/session')).json();
  const headers = { 'X-CSRF-Token': session.csrfToken };
  const tag =
    `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
  const childName = `${name} ${tag}`;
  const opened = await page.request.post('/api/cases', {
    headers,
    data: { reference: `E2E-${tag}`, childName, dateOfBirth },
  });
  expect(opened.status(), await opened.text()).toBe(201);
  const id = ((await opened.json()) as CaseDetail).id;
  const detail = async (): Promise<CaseDetail> =>
    (await page.request.get(`/api/cases/${id}`)).json();
  const post = async (path: string, data: Record<string, unknown>) => {
    const res = await page.request.post(`/api/cases/${id}${path}`, {
      headers,
      data: { expectedVersion: (await detail()).version, ...data },
    });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return (await res.json()) as CaseDetail;
  };
  return { id, childName, detail, post };
}

/** A Tribunal reference of the run's own (EH857/26/nnnnn). */
export const tribunalReference = () =>
  `EH857/26/${String((Date.now() + Math.floor(Math.random() * 1000)) % 100000).padStart(5, '0')}`;

/**
 * From a decision to an appeal registered: the family contacted the adviser and declined
 * mediation, the certificate, the appeal lodged (by the parent, on `sections`) and registered.
 * Answers the appeal's id.
 */
export async function appealRegistered(
  page: Page,
  c: CaseThroughApi,
  decisionId: string,
  appeal: Record<string, unknown> = {},
): Promise<string> {
  const providers = await (
    await page.request.get('/api/mediation-providers')
  ).json();
  let d = await c.post('/mediations', {
    decisionId,
    providerId: providers[0].id,
    contactedOn: '2026-01-12',
    healthInIssue: false,
    socialCareInIssue: false,
  });
  const mediationId = d.mediations.at(-1)?.id ?? '';
  await c.post(`/mediations/${mediationId}/declined`, {
    adviserInformedOn: '2026-01-12',
  });
  await c.post(`/mediations/${mediationId}/certificates`, {
    kind: 'information_only',
    issuedOn: '2026-01-13',
  });
  d = await c.post('/appeals', {
    decisionId,
    tribunalReference: tribunalReference(),
    lodgedOn: '2026-01-20',
    appellant: 'parent',
    ...appeal,
  });
  const appealId = d.appeals.at(-1)?.id ?? '';
  await c.post(`/appeals/${appealId}/registration`, {
    registeredOn: '2026-01-22',
    appealReceivedOn: '2026-01-23',
  });
  return appealId;
}

/** A stored PDF's text (pdftotext, spaces collapsed), and its first page as `<name>.png` among the screenshots (pdftoppm). */
export function pdfTextAndFirstPage(bytes: Buffer, name: string): string {
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'letters-web-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      `${SHOTS}/${name}`,
    ]);
    return text;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Issues the letter previewed on the page and waits for "Letter issued" (making the PDF can take a
 * while on a busy machine), then downloads the stored PDF: answers its text, and its first page is
 * `<name>.png` among the screenshots (pdfTextAndFirstPage).
 */
export async function issueAndDownloadPdf(
  page: Page,
  name: string,
): Promise<string> {
  await page.getByRole('button', { name: 'Issue the letter' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Letter issued' }),
  ).toBeVisible({ timeout: 120_000 });
  const href = await page
    .getByRole('link', { name: 'Download the letter (PDF)' })
    .getAttribute('href');
  expect(href, 'the link to the PDF').toBeTruthy();
  const pdf = await page.request.get(href ?? '');
  expect(pdf.status()).toBe(200);
  return pdfTextAndFirstPage(await pdf.body(), name);
}
