import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import {
  EXAMPLE_SENDER,
  LETTER_KIND_LABELS,
  type LetterKind,
} from '@send/domain';
import { api, download, sql, upload } from './support/api';
import {
  contactAdviser,
  declineMediationWithCertificate,
  issueDecision,
  lodgeAppeal,
  registerAppeal,
} from './support/steps';
import { type Detail, longDate, Walk } from './support/walk';

/*
 * Letters (issue 15): issuing each kind of letter records (or uses) its entry and stores the DOCX
 * and the PDF made from it as documents of that entry, each with its SHA-256 in the history; the
 * dates the letter states are the entry's and the deadlines the clock counted. The text is read
 * back from the stored DOCX (PizZip) and from the PDF (poppler's pdftotext).
 */

jest.setTimeout(240_000);

type Letter = {
  letterId: string;
  eventSequence: number;
  docxDocumentId: string;
  pdfDocumentId: string;
  templateId: string | null;
  case: Detail & { version: number };
};
type History = {
  sequence: number;
  type: string;
  payload?: Record<string, unknown>;
}[];

let providerId = '';
beforeAll(async () => {
  await sql(
    `INSERT INTO mediation_provider (name) VALUES ('Letters Mediation') ON CONFLICT (name) DO NOTHING`,
  );
  const providers = await api<{ id: string; name: string }[]>(
    'GET',
    '/mediation-providers',
  );
  providerId = providers.body.find((p) => p.name === 'Letters Mediation')!.id;
});

/** Sends a letter request with the walk's version (catching up once if the deadline monitor wrote meanwhile). */
async function letters<T>(
  w: Walk,
  path: '/letters' | '/letters/preview',
  body: Record<string, unknown>,
  status: number,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await api<T & { detail?: string }>(
      'POST',
      `/cases/${w.id}${path}`,
      { expectedVersion: w.version, ...body },
    );
    if (res.status === 409 && attempt < 3) {
      const current = await api<Detail>('GET', `/cases/${w.id}`);
      w.version = current.body.version;
      continue;
    }
    if (res.status !== status)
      throw new Error(`POST ${path} → ${res.status} ${res.text.slice(0, 600)}`);
    return res.body;
  }
}

async function issue(w: Walk, body: Record<string, unknown>): Promise<Letter> {
  const letter = await letters<Letter>(w, '/letters', body, 201);
  w.version = letter.case.version;
  w.detail = letter.case;
  return letter;
}

/** The text of the stored DOCX and PDF, after checking their SHA-256 against the history's. */
async function storedText(
  w: Walk,
  letter: Letter,
): Promise<{ docx: string; pdf: string }> {
  const history = (await api<History>('GET', `/cases/${w.id}/history`)).body;
  const attached = history.filter(
    (e) =>
      e.type === 'document.attached' &&
      (e.payload?.['eventSequence'] as number) === letter.eventSequence,
  );
  const docx = await download(
    `/cases/${w.id}/documents/${letter.docxDocumentId}`,
  );
  const pdf = await download(
    `/cases/${w.id}/documents/${letter.pdfDocumentId}`,
  );
  expect(docx.status).toBe(200);
  expect(pdf.status).toBe(200);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const hashes = attached.map((e) => e.payload?.['sha256']);
  expect(hashes).toEqual(
    expect.arrayContaining([sha(docx.bytes), sha(pdf.bytes)]),
  );
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const xml = new PizZip(docx.bytes).file('word/document.xml')!.asText();
  const docxText = xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
  const dir = mkdtempSync(join(tmpdir(), 'letters-e2e-'));
  try {
    writeFileSync(join(dir, 'l.pdf'), pdf.bytes);
    execFileSync('pdftotext', [
      '-layout',
      join(dir, 'l.pdf'),
      join(dir, 'l.txt'),
    ]);
    return {
      docx: docxText,
      pdf: readFileSync(join(dir, 'l.txt'), 'utf8').replace(/\s+/g, ' '),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The case's deadline of `ruleId` for `subjectId`, as the walk last saw it. */
const deadlineOf = (w: Walk, ruleId: string, subjectId: string) => {
  const d = (
    w.detail as unknown as {
      deadlines: {
        ruleId: string;
        subjectId: string;
        dueOn: string;
        status: string;
        metOn?: string;
      }[];
    }
  ).deadlines.find((x) => x.ruleId === ruleId && x.subjectId === subjectId);
  if (!d) throw new Error(`no ${ruleId} deadline for ${subjectId}`);
  return d;
};

const dueOf = (w: Walk, ruleId: string, subjectId: string) =>
  longDate(deadlineOf(w, ruleId, subjectId).dueOn);

const sequenceOf = async (w: Walk, type: string) => {
  const history = (await api<History>('GET', `/cases/${w.id}/history`)).body;
  return history.filter((e) => e.type === type).at(-1)!.sequence;
};

/** A case whose decision (letter Tue 6 Jan 2026) is recorded (through the decision route: each PDF takes LibreOffice seconds). */
async function decidedCase(name: string) {
  const w = await Walk.open(name, '2015-03-02');
  await w.post(
    '/contacts',
    { name: `Parent of ${name}`, relationship: 'parent' },
    'contact.added',
  );
  const decisionId = await issueDecision(w, {
    type: 'refuse_reassessment',
    decisionDate: '2026-01-05',
    letterSent: '2026-01-06',
  });
  return { w, decisionId };
}

/** The decided case, then the adviser contacted (Tue 20 Jan 2026) and mediation wanted (the council told Wed 21 Jan 2026). */
async function mediationRequested(name: string) {
  const { w, decisionId } = await decidedCase(name);
  const mediationId = await contactAdviser(w, {
    decisionId,
    providerId,
    contactedOn: '2026-01-20',
  });
  await w.post(
    `/mediations/${mediationId}/requested`,
    { laInformedOn: '2026-01-21' },
    'mediation.requested',
  );
  return { w, mediationId };
}

/** The decided case, then mediation declined with a certificate, and the appeal lodged and registered. */
async function appealedCase(name: string) {
  const c = await decidedCase(name);
  const { w, decisionId } = c;
  await declineMediationWithCertificate(w, {
    decisionId,
    providerId,
    contactedOn: '2026-01-12',
    certificateOn: '2026-01-13',
  });
  const appeal = await lodgeAppeal(w, {
    decisionId,
    lodgedOn: '2026-01-20',
    appellant: 'parent',
  });
  await registerAppeal(w, appeal.id, '2026-01-22', '2026-01-23');
  return { ...c, appeal };
}

/** How many entries the case's history has (a refused request writes none). */
const eventCount = async (w: Walk) =>
  Number(
    (
      await sql(`SELECT count(*) AS n FROM case_event WHERE case_id = $1`, [
        w.id,
      ])
    )[0].n,
  );

type Preview = {
  text: string;
  html: string;
  deadlines: { title: string; dueOn: string }[];
  met: { title: string; dueOn: string }[];
  missingParts: unknown[];
};

/**
 * Issue = record for the entry given in `field`: previewed (nothing saved), issued (the entry
 * recorded with the letter's DOCX and PDF), then refused with 400, writing nothing, when another
 * field comes with it (exactly one) and when another kind of letter is asked for. Answers the
 * preview, the letter, the entry recorded and the stored letter's texts.
 */
async function issuedWithItsEntry(
  w: Walk,
  request: { kind: string; field: string; entry: Record<string, unknown> },
  recorded: { type: string; otherKind: string },
) {
  const body = { kind: request.kind, [request.field]: request.entry };
  const before = w.version;
  const preview = await letters<Preview>(w, '/letters/preview', body, 200);
  expect(preview.missingParts).toEqual([]);
  // A preview saves nothing.
  expect((await api<Detail>('GET', `/cases/${w.id}`)).body.version).toBe(
    before,
  );

  const letter = await issue(w, body);
  const history = (await api<History>('GET', `/cases/${w.id}/history`)).body;
  const entry = history.find((e) => e.sequence === letter.eventSequence)!;
  expect(entry.type).toBe(recorded.type);
  const [row] = await sql(
    `SELECT kind, event_sequence FROM letter WHERE id = $1`,
    [letter.letterId],
  );
  expect(row).toEqual({
    kind: request.kind,
    event_sequence: letter.eventSequence,
  });
  const text = await storedText(w, letter);

  const written = await eventCount(w);
  for (const path of ['/letters', '/letters/preview'] as const) {
    const both = await api<{ detail: string }>(
      'POST',
      `/cases/${w.id}${path}`,
      { expectedVersion: w.version, ...body, eventSequence: 1 },
    );
    expect(both.status).toBe(400);
    expect(both.body.detail).toContain(
      `not \`${request.field}\` and \`eventSequence\` together`,
    );
    const wrongKind = await api<{ detail: string }>(
      'POST',
      `/cases/${w.id}${path}`,
      { expectedVersion: w.version, ...body, kind: recorded.otherKind },
    );
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.detail).toContain(
      `is issued with the letter “${LETTER_KIND_LABELS[request.kind as LetterKind]}” (kind ${request.kind})`,
    );
  }
  expect(await eventCount(w)).toBe(written);
  return { preview, letter, entry, text };
}

/** The appealed case, allowed by the Tribunal on Tue 10 Feb 2026 with an order to assess (and the recommendations given). */
async function allowedCase(name: string, recommendations: unknown[] = []) {
  const c = await appealedCase(name);
  const decided = (await c.w.post(
    `/appeals/${c.appeal.id}/outcome`,
    {
      outcome: 'decided_allowed',
      decisionDate: '2026-02-10',
      orderSentOn: '2026-02-11',
      orders: [{ orderType: 'assess' }],
      recommendations,
    },
    'appeal.decided',
  )) as unknown as {
    recommendations: { id: string }[];
    orders: { id: string }[];
  };
  return { ...c, decided };
}

describe('letters: issue = record, and the letter says what the record says', () => {
  it('a decision notice: previewed with its deadlines, then issued with the decision; DOCX and PDF state the letter date and the family’s time limits', async () => {
    const w = await Walk.open('Robin Letters', '2015-03-02');
    await w.post(
      '/contacts',
      { name: 'Alex Letters', relationship: 'parent' },
      'contact.added',
    );
    const decision = {
      type: 'refuse_reassessment',
      decisionDate: '2026-01-05',
      letterSent: '2026-01-06',
    };
    const before = w.version;
    const preview = await letters<{
      html: string;
      text: string;
      deadlines: { title: string; dueOn: string }[];
      missingParts: unknown[];
      templateId: string | null;
    }>(w, '/letters/preview', { kind: 'decision_notice', decision }, 200);
    expect(preview.missingParts).toEqual([]);
    expect(preview.templateId).toBeNull();
    // SEND Regs reg 33 and HESC r.20: two months from the letter of Tue 6 Jan 2026.
    expect(preview.deadlines.map((d) => d.dueOn)).toEqual([
      'Fri 6 Mar 2026',
      'Fri 6 Mar 2026',
    ]);
    expect(preview.text).toContain('Alex Letters');
    expect(preview.html).toContain('<h2>');
    // A preview saves nothing.
    expect((await api<Detail>('GET', `/cases/${w.id}`)).body.version).toBe(
      before,
    );

    const letter = await issue(w, { kind: 'decision_notice', decision });
    const decisionId = w.detail.decisions.at(-1)!.id;
    expect(
      (w.detail.decisions.at(-1) as unknown as { letterChecklist: unknown })
        .letterChecklist,
    ).toEqual({
      mediationInformation: true,
      appealRights: true,
      timeLimits: true,
      disagreementResolution: true,
    });
    expect(dueOf(w, 'appeal.lodge', decisionId)).toBe('Fri 6 Mar 2026');
    const text = await storedText(w, letter);
    for (const t of [text.docx, text.pdf]) {
      expect(t).toContain('Date: Tue 6 Jan 2026');
      expect(t).toContain('The last day to appeal is Fri 6 Mar 2026');
      expect(t).toContain('Contact them by Fri 6 Mar 2026');
      expect(t).toContain('Not to carry out a re-assessment');
      expect(t).toContain('certificate');
    }
    const [row] = await sql(
      `SELECT kind, event_sequence, template_id, to_char(letter_date, 'YYYY-MM-DD') AS letter_date FROM letter WHERE id = $1`,
      [letter.letterId],
    );
    expect(row).toEqual({
      kind: 'decision_notice',
      event_sequence: letter.eventSequence,
      template_id: null,
      letter_date: '2026-01-06',
    });

    // Sent: by email with the PDF (the run has no SMTP server: the message is written to MAIL_DIR), then also by post.
    for (const body of [
      { how: 'email', email: 'alex.letters@example.org' },
      { how: 'post' },
    ]) {
      const sent = await api<Detail & { version: number }>(
        'POST',
        `/cases/${w.id}/letters/${letter.letterId}/sent`,
        { expectedVersion: w.version, ...body },
      );
      expect(sent.status).toBe(201);
      w.version = sent.body.version;
    }
    // The email as the mail server took it: from MAIL_FROM (the reminders' sender), but the
    // family's reply goes to the council's contact, not to the deadline reminders' mailbox.
    const [eml] = readdirSync(process.env['E2E_MAIL_DIR']!).filter(
      (f) => f.includes(`-letter-${letter.letterId}-`) && f.endsWith('.eml'),
    );
    expect(eml).toBeDefined();
    const message = readFileSync(
      join(process.env['E2E_MAIL_DIR']!, eml!),
      'utf8',
    );
    const headers = message.slice(0, message.indexOf('\n\n'));
    expect(headers).toMatch(/^To: alex\.letters@example\.org$/m);
    expect(headers).toMatch(/^From: .*<send-deadlines@council\.example>$/m);
    expect(headers).toMatch(
      new RegExp(
        `^Reply-To: "?${EXAMPLE_SENDER.councilMediationContact.name}"? <${EXAMPLE_SENDER.councilMediationContact.email.replace(/\./g, '\\.')}>$`,
        'm',
      ),
    );

    const history = (await api<History>('GET', `/cases/${w.id}/history`)).body;
    expect(
      history
        .filter((e) => e.type === 'letter.sent')
        .map((e) => [e.payload?.['how'], e.payload?.['to']]),
    ).toEqual([
      ['email', 'alex.letters@example.org'],
      ['post', undefined],
    ]);
    const bad = await api<{ detail: string }>(
      'POST',
      `/cases/${w.id}/letters/${letter.letterId}/sent`,
      { expectedVersion: w.version, how: 'email' },
    );
    expect(bad.status).toBe(400);
  });

  it('mediation arranged: a letter for the entry recorded earlier, with the date of the mediation and the 30 days', async () => {
    const { w, mediationId } = await mediationRequested('Kit Letters');
    await w.post(
      `/mediations/${mediationId}/arranged`,
      { arrangedOn: '2026-01-28', mediationDate: '2026-02-12' },
      'mediation.arranged',
    );
    const letter = await issue(w, {
      kind: 'mediation_arranged',
      eventSequence: await sequenceOf(w, 'mediation.arranged'),
    });
    const text = await storedText(w, letter);
    for (const t of [text.docx, text.pdf]) {
      expect(t).toContain('Date: Wed 28 Jan 2026');
      expect(t).toContain('It will take place on Thu 12 Feb 2026');
      // SEND Regs reg 37: 30 days from Wed 21 Jan 2026.
      expect(t).toContain(
        `arrange it by ${dueOf(w, 'mediation.arrange', mediationId)}`,
      );
      expect(t).toContain('Fri 20 Feb 2026');
    }
  });

  it('the response to a recommendation, and compliance with an order: the Tribunal’s dates and the clock’s', async () => {
    const { w, appeal } = await appealedCase('Jo Letters');
    const decided = await w.post(
      `/appeals/${appeal.id}/outcome`,
      {
        outcome: 'decided_allowed',
        decisionDate: '2026-02-10',
        orderSentOn: '2026-02-11',
        orders: [
          {
            orderType: 'assess',
            details: 'Carry out an EHC needs re-assessment.',
          },
        ],
        recommendations: [
          {
            section: 'G',
            responsibleBody: 'icb',
            text: 'Speech and language therapy review.',
          },
        ],
      },
      'appeal.decided',
    );
    const detail = decided as unknown as {
      recommendations: { id: string }[];
      orders: { id: string }[];
    };
    const rec = detail.recommendations.at(-1)!;
    const order = detail.orders.at(-1)!;
    await w.post(
      `/recommendations/${rec.id}/response`,
      {
        outcome: 'not_followed',
        reasons: 'A review by the school’s therapist is already booked.',
        sentOn: '2026-02-20',
        recipient: 'parent',
        sentTo: ['Parent of Jo Letters'],
      },
      'recommendation.responded',
    );
    const response = await issue(w, {
      kind: 'recommendation_response',
      eventSequence: await sequenceOf(w, 'recommendation.responded'),
    });
    let text = await storedText(w, response);
    for (const t of [text.docx, text.pdf]) {
      expect(t).toContain('Date: Fri 20 Feb 2026');
      expect(t).toContain(
        `In appeal ${appeal.tribunalReference} the Tribunal, on Tue 10 Feb 2026`,
      );
      // Recommendations Power Regs 2017 reg 6(2): 5 weeks from the decision.
      expect(t).toContain(`by ${dueOf(w, 'recommendation.response', rec.id)}`);
      expect(t).toContain(
        'A review by the school’s therapist is already booked.',
      );
    }

    await w.post(
      `/orders/${order.id}/compliance`,
      {
        ruleId: 'order.assess.notify',
        compliedOn: '2026-02-27',
        evidence: 'Letter to the parent: re-assessment started.',
      },
      'order.complied',
    );
    const compliance = await issue(w, {
      kind: 'order_compliance',
      eventSequence: await sequenceOf(w, 'order.complied'),
    });
    text = await storedText(w, compliance);
    for (const t of [text.docx, text.pdf]) {
      expect(t).toContain('Date: Fri 27 Feb 2026');
      expect(t).toContain(
        `We did it on Fri 27 Feb 2026 (it was due by ${dueOf(w, 'order.assess.notify', order.id)})`,
      );
    }
  });

  it('the response to a recommendation issued with its letter (issue = record): previewed with the deadline it meets, then recorded with the DOCX and PDF dated the response', async () => {
    const { w, appeal, decided } = await allowedCase('Kit Letters', [
      {
        section: 'H1',
        responsibleBody: 'council_social_care',
        text: 'A short-breaks assessment by the disabled children’s team.',
      },
    ]);
    const rec = decided.recommendations.at(-1)!;
    const due = dueOf(w, 'recommendation.response', rec.id);
    const recommendationResponse = {
      recommendationId: rec.id,
      outcome: 'partly_followed',
      reasons:
        'The assessment is offered; overnight breaks are already provided by the school.',
      sentOn: '2026-02-27',
      recipient: 'parent',
      sentTo: ['Parent of Kit Letters', 'Council SEND team'],
    };
    const before = w.version;
    const preview = await letters<{
      text: string;
      html: string;
      deadlines: { title: string; dueOn: string }[];
      met: { title: string; dueOn: string }[];
      missingParts: unknown[];
    }>(
      w,
      '/letters/preview',
      { kind: 'recommendation_response', recommendationResponse },
      200,
    );
    expect(preview.missingParts).toEqual([]);
    expect(preview.deadlines).toEqual([]);
    // Recommendations Power Regs 2017 reg 6(2): the response meets its 5 weeks.
    expect(preview.met.map((d) => d.dueOn)).toEqual([due]);
    expect(preview.text).toContain('Date: Fri 27 Feb 2026');
    expect(preview.html).toContain('overnight breaks');
    // A preview saves nothing.
    expect((await api<Detail>('GET', `/cases/${w.id}`)).body.version).toBe(
      before,
    );

    const letter = await issue(w, {
      kind: 'recommendation_response',
      recommendationResponse,
    });
    const history = (await api<History>('GET', `/cases/${w.id}/history`)).body;
    const entry = history.find((e) => e.sequence === letter.eventSequence)!;
    expect(entry.type).toBe('recommendation.responded');
    expect(entry.payload).toMatchObject({
      recommendationId: rec.id,
      outcome: 'partly_followed',
      sentOn: '2026-02-27',
      recipient: 'parent',
    });
    const deadline = deadlineOf(w, 'recommendation.response', rec.id);
    expect(deadline.status).toBe('met');
    expect(deadline.metOn).toBe('2026-02-27');
    const text = await storedText(w, letter);
    for (const t of [text.docx, text.pdf]) {
      expect(t).toContain('Date: Fri 27 Feb 2026');
      expect(t).toContain(
        `In appeal ${appeal.tribunalReference} the Tribunal, on Tue 10 Feb 2026`,
      );
      expect(t).toContain(`by ${due}`);
      expect(t).toContain(
        'The assessment is offered; overnight breaks are already provided by the school.',
      );
    }
    const [row] = await sql(
      `SELECT kind, to_char(letter_date, 'YYYY-MM-DD') AS letter_date FROM letter WHERE id = $1`,
      [letter.letterId],
    );
    expect(row).toEqual({
      kind: 'recommendation_response',
      letter_date: '2026-02-27',
    });

    // Exactly one of decision, recommendationResponse and eventSequence: two at once is a 400, writing nothing.
    for (const body of [
      {
        kind: 'recommendation_response',
        recommendationResponse,
        eventSequence: letter.eventSequence,
      },
      {
        kind: 'decision_notice',
        recommendationResponse,
        decision: {
          type: 'refuse_amend',
          decisionDate: '2026-03-02',
          letterSent: '2026-03-03',
        },
      },
    ]) {
      for (const path of ['/letters', '/letters/preview'] as const) {
        const both = await api<{ detail: string }>(
          'POST',
          `/cases/${w.id}${path}`,
          { expectedVersion: w.version, ...body },
        );
        expect(both.status).toBe(400);
        expect(both.body.detail).toMatch(/^Give only one of `decision`/);
      }
    }
    const wrongKind = await api<{ detail: string }>(
      'POST',
      `/cases/${w.id}/letters/preview`,
      {
        kind: 'decision_notice',
        expectedVersion: w.version,
        recommendationResponse,
      },
    );
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.detail).toMatch(
      /response to a recommendation is issued with the letter/,
    );
    expect((await api<Detail>('GET', `/cases/${w.id}`)).body.version).toBe(
      w.version,
    );
  });

  it('a concession: the notice to the Tribunal dated the day it was told, with the duties that run from it', async () => {
    const { w, appeal } = await appealedCase('Sky Letters');
    await w.post(
      `/appeals/${appeal.id}/outcome`,
      {
        outcome: 'conceded_before_response',
        decisionDate: '2026-02-16',
        laNotifiedTribunalOn: '2026-02-16',
        orders: [{ orderType: 'assess' }],
        recommendations: [],
      },
      'appeal.decided',
    );
    const letter = await issue(w, {
      kind: 'concession_notice',
      eventSequence: await sequenceOf(w, 'appeal.decided'),
    });
    const text = await storedText(w, letter);
    for (const t of [text.docx, text.pdf]) {
      expect(t).toContain('Date: Mon 16 Feb 2026');
      expect(t).toContain(
        `On Mon 16 Feb 2026 the council decided not to oppose the appeal`,
      );
      expect(t).toContain(appeal.tribunalReference);
      expect(t).toContain('We will: Carry out an EHC needs assessment.');
    }
  });

  it('compliance with an order issued with its letter (issue = record): the duty met, the entry recorded with its DOCX and PDF dated the day it was done', async () => {
    const { w, decided } = await allowedCase('Ash Letters');
    const order = decided.orders.at(-1)!;
    // SEND Regs 2014 reg 44(2)(a): the council tells the family within 2 weeks of the order.
    const due = dueOf(w, 'order.assess.notify', order.id);
    const { preview, entry, text } = await issuedWithItsEntry(
      w,
      {
        kind: 'order_compliance',
        field: 'orderCompliance',
        entry: {
          orderId: order.id,
          ruleId: 'order.assess.notify',
          compliedOn: '2026-02-20',
          evidence: '  Letter to the parent: re-assessment started.  ',
        },
      },
      { type: 'order.complied', otherKind: 'decision_notice' },
    );
    expect(preview.met.map((d) => d.dueOn)).toEqual([due]);
    expect(entry.payload).toMatchObject({
      orderId: order.id,
      ruleId: 'order.assess.notify',
      compliedOn: '2026-02-20',
      evidence: 'Letter to the parent: re-assessment started.',
    });
    expect(deadlineOf(w, 'order.assess.notify', order.id).status).toBe('met');
    for (const t of [text.docx, text.pdf]) {
      expect(t).toContain('Date: Fri 20 Feb 2026');
      expect(t).toContain(
        `We did it on Fri 20 Feb 2026 (it was due by ${due})`,
      );
      expect(t).toContain('Letter to the parent: re-assessment started.');
    }
  });

  it('mediation arranged issued with its letter (issue = record): the 30 days met, the letter dated the day it was arranged', async () => {
    const { w, mediationId } = await mediationRequested('Rowan Letters');
    // SEND Regs 2014 regs 36–37: arranged within 30 days of the council being told (Wed 21 Jan 2026).
    const due = dueOf(w, 'mediation.arrange', mediationId);
    expect(due).toBe('Fri 20 Feb 2026');
    const { preview, entry, text } = await issuedWithItsEntry(
      w,
      {
        kind: 'mediation_arranged',
        field: 'mediationArranged',
        entry: {
          mediationId,
          arrangedOn: '2026-01-28',
          mediationDate: '2026-02-12',
        },
      },
      { type: 'mediation.arranged', otherKind: 'order_compliance' },
    );
    expect(preview.text).toContain('It will take place on Thu 12 Feb 2026');
    expect(entry.payload).toMatchObject({
      mediationId,
      arrangedOn: '2026-01-28',
      mediationDate: '2026-02-12',
    });
    for (const t of [text.docx, text.pdf]) {
      expect(t).toContain('Date: Wed 28 Jan 2026');
      expect(t).toContain('It will take place on Thu 12 Feb 2026');
      expect(t).toContain(`arrange it by ${due}`);
    }
  });

  it('a concession issued with its notice (issue = record): the duties run from the day the Tribunal was told; any other outcome has no letter', async () => {
    const { w, appeal } = await appealedCase('Wren Letters');
    const outcome = {
      appealId: appeal.id,
      outcome: 'conceded_before_response',
      decisionDate: '2026-02-16',
      laNotifiedTribunalOn: '2026-02-16',
      orders: [{ orderType: 'assess' }],
      recommendations: [],
    };
    // Any other outcome ends with the Tribunal's own decision or order: no letter, nothing written.
    for (const path of ['/letters', '/letters/preview'] as const) {
      const allowed = await api<{ detail: string }>(
        'POST',
        `/cases/${w.id}${path}`,
        {
          kind: 'concession_notice',
          expectedVersion: w.version,
          appealOutcome: { ...outcome, outcome: 'decided_allowed' },
        },
      );
      expect(allowed.status).toBe(400);
      expect(allowed.body.detail).toMatch(
        /^An appeal allowed has no letter: only a concession before the council’s response/,
      );
    }
    const { preview, entry, text } = await issuedWithItsEntry(
      w,
      { kind: 'concession_notice', field: 'appealOutcome', entry: outcome },
      { type: 'appeal.decided', otherKind: 'mediation_arranged' },
    );
    expect(entry.payload).toMatchObject({
      appealId: appeal.id,
      outcome: 'conceded_before_response',
      laNotifiedTribunalOn: '2026-02-16',
    });
    // SEND Regs 2014 reg 45: the duties the concession opens run from the notice.
    expect(preview.deadlines.length).toBeGreaterThan(0);
    const orderId = (
      w.detail as unknown as { orders: { id: string }[] }
    ).orders.at(-1)!.id;
    const duties = (
      w.detail as unknown as {
        deadlines: { ruleId: string; subjectId: string; dueOn: string }[];
      }
    ).deadlines.filter((d) => d.subjectId === orderId);
    expect(duties.map((d) => d.ruleId)).toContain('concession.assess.notify');
    expect(preview.deadlines.map((d) => d.dueOn)).toEqual(
      expect.arrayContaining(duties.map((d) => longDate(d.dueOn))),
    );
    for (const t of [text.docx, text.pdf]) {
      expect(t).toContain('Date: Mon 16 Feb 2026');
      expect(t).toContain(
        'On Mon 16 Feb 2026 the council decided not to oppose the appeal',
      );
      expect(t).toContain(appeal.tribunalReference);
      expect(t).toContain('We will: Carry out an EHC needs assessment.');
    }
  });

  it('refuses a letter for an entry of another kind, and a notice whose template lacks a part the law requires (422 naming it), writing nothing', async () => {
    const { w } = await decidedCase('Lee Letters');
    const before = await eventCount(w);
    const wrong = await api<{ detail: string }>(
      'POST',
      `/cases/${w.id}/letters`,
      {
        kind: 'mediation_arranged',
        expectedVersion: w.version,
        eventSequence: 2,
      },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toMatch(/No letter is issued with entry 2/);

    // A council's template without the appeal deadline, published (the administrator's screens come later).
    const template = readFileSync(
      join(
        __dirname,
        '../../../libs/server/src/lib/letters/templates/decision_notice.docx',
      ),
    );
    const zip = new PizZip(template);
    zip.file(
      'word/document.xml',
      zip.file('word/document.xml')!.asText().replace('{appealBy}', 'soon'),
    );
    const broken = zip.generate({ type: 'nodebuffer' });
    const [t] = await sql(
      `INSERT INTO letter_template (id, kind, version, filename, content, sha256, uploaded_at, uploaded_by, published_at, published_by)
       VALUES (gen_random_uuid(), 'decision_notice', 1, 'broken.docx', $1, 'x', now(), 'test', now(), 'test') RETURNING id`,
      [broken],
    );
    try {
      const preview = await letters<{
        missingParts: { id: string }[];
        templateId: string;
      }>(
        w,
        '/letters/preview',
        {
          kind: 'decision_notice',
          decision: {
            type: 'refuse_amend',
            decisionDate: '2026-02-02',
            letterSent: '2026-02-03',
          },
        },
        200,
      );
      expect(preview.templateId).toBe(t.id);
      expect(preview.missingParts.map((p) => p.id)).toEqual([
        'appeal_time_limit',
      ]);
      const refused = await api<{ detail: string }>(
        'POST',
        `/cases/${w.id}/letters`,
        {
          kind: 'decision_notice',
          expectedVersion: w.version,
          decision: {
            type: 'refuse_amend',
            decisionDate: '2026-02-02',
            letterSent: '2026-02-03',
          },
        },
      );
      expect(refused.status).toBe(422);
      expect(refused.body.detail).toMatch(
        /the right to appeal and its time limit/,
      );
      expect(await eventCount(w)).toBe(before);
    } finally {
      await sql(`DELETE FROM letter_template WHERE id = $1`, [t.id]);
    }
  });

  it('administrators upload a template, preview it against the demo case, and publish it; one lacking a required part is never published', async () => {
    const dir = join(
      __dirname,
      '../../../libs/server/src/lib/letters/templates',
    );
    const good = readFileSync(join(dir, 'decision_notice.docx'));
    const zip = new PizZip(good);
    zip.file(
      'word/document.xml',
      zip.file('word/document.xml')!.asText().replace('{appealBy}', 'soon'),
    );
    const broken = zip.generate({ type: 'nodebuffer' });
    const file = (bytes: Buffer, filename: string) => ({
      filename,
      contentType:
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes,
    });
    const ids: string[] = [];
    try {
      const refused = await upload(
        '/letter-templates/decision_notice',
        {},
        file(good, 'ours.docx'),
        'caseworker',
      );
      expect(refused.status).toBe(403);
      const notWord = await upload(
        '/letter-templates/decision_notice',
        {},
        file(Buffer.from('not a word document'), 'ours.docx'),
        'administrator',
      );
      expect(notWord.status).toBe(400);

      const first = await upload<{
        id: string;
        version: number;
        html: string;
        missingParts: { id: string }[];
      }>(
        '/letter-templates/decision_notice',
        {},
        file(good, 'ours.docx'),
        'administrator',
      );
      expect(first.status).toBe(201);
      ids.push(first.body.id);
      expect(first.body.missingParts).toEqual([]);
      // The demo case: a letter of Tue 6 Jan 2026, so the family's time limits end Fri 6 Mar 2026.
      expect(first.body.html).toContain('Sam Example');
      expect(first.body.html).toContain(
        'The last day to appeal is Fri 6 Mar 2026',
      );

      const second = await upload<{
        id: string;
        version: number;
        missingParts: { id: string }[];
      }>(
        '/letter-templates/decision_notice',
        {},
        file(broken, 'ours-without-appeal.docx'),
        'administrator',
      );
      ids.push(second.body.id);
      expect(second.body.version).toBe(first.body.version + 1);
      expect(second.body.missingParts.map((p) => p.id)).toEqual([
        'appeal_time_limit',
      ]);
      const unpublishable = await api<{ detail: string }>(
        'POST',
        `/letter-templates/versions/${second.body.id}/publish`,
        undefined,
        'administrator',
      );
      expect(unpublishable.status).toBe(422);
      expect(unpublishable.body.detail).toMatch(
        /the right to appeal and its time limit/,
      );

      const published = await api(
        'POST',
        `/letter-templates/versions/${first.body.id}/publish`,
        undefined,
        'administrator',
      );
      expect(published.status).toBe(200);
      const again = await api(
        'POST',
        `/letter-templates/versions/${first.body.id}/publish`,
        undefined,
        'administrator',
      );
      expect(again.status).toBe(400);

      // Each upload and the publication are in the security log, as every administrator's change
      // (the refused publications are not: nothing changed).
      const sha256 = (bytes: Buffer) =>
        createHash('sha256').update(bytes).digest('hex');
      const log = await api<{
        items: {
          event: string;
          outcome: string;
          actorName: string;
          actorRole: string;
          detail: Record<string, unknown>;
        }[];
      }>(
        'GET',
        `/security-log?person=${encodeURIComponent('Test Admin')}`,
        undefined,
        'auditor',
      );
      expect(log.status).toBe(200);
      expect(
        log.body.items
          .filter((e) => ids.includes(e.detail['templateId'] as string))
          .map(({ event, outcome, actorName, actorRole, detail }) => ({
            event,
            outcome,
            actorName,
            actorRole,
            detail,
          })),
      ).toEqual([
        {
          event: 'letter_template.published',
          outcome: 'success',
          actorName: 'Test Admin',
          actorRole: 'administrator',
          detail: {
            templateId: first.body.id,
            kind: 'decision_notice',
            version: first.body.version,
          },
        },
        {
          event: 'letter_template.uploaded',
          outcome: 'success',
          actorName: 'Test Admin',
          actorRole: 'administrator',
          detail: {
            templateId: second.body.id,
            kind: 'decision_notice',
            version: second.body.version,
            filename: 'ours-without-appeal.docx',
            sha256: sha256(broken),
          },
        },
        {
          event: 'letter_template.uploaded',
          outcome: 'success',
          actorName: 'Test Admin',
          actorRole: 'administrator',
          detail: {
            templateId: first.body.id,
            kind: 'decision_notice',
            version: first.body.version,
            filename: 'ours.docx',
            sha256: sha256(good),
          },
        },
      ]);

      // The security log's CSV names the kind of letter in words, not its code.
      const csv = await download(
        `/security-log/export.csv?person=${encodeURIComponent('Test Admin')}`,
        'auditor',
      );
      expect(csv.status).toBe(200);
      const csvText = csv.bytes.toString('utf8');
      expect(csvText).toContain('Kind: Notice of a decision');
      expect(csvText).not.toContain('Kind: decision_notice');

      const { w } = await decidedCase('Max Letters');
      const preview = await letters<{ templateId: string }>(
        w,
        '/letters/preview',
        { kind: 'decision_notice', eventSequence: 3 },
        200,
      );
      expect(preview.templateId).toBe(first.body.id);
    } finally {
      if (ids.length)
        await sql(`DELETE FROM letter_template WHERE id = ANY($1)`, [ids]);
    }
  });
});
