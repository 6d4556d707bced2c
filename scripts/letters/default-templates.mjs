// Writes the default letter templates (one .docx per letter kind) into
// libs/server/src/lib/letters/templates/, with the `docx` package: `node scripts/letters/default-templates.mjs`.
// The files are committed; run this again after changing the wording here. Placeholders are
// docxtemplater's `{name}`; `{#deadlines}` … `{/deadlines}` repeat a paragraph for each deadline the
// entry opens. Plain English, for a council to start from (see README, "Letters").
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

const OUT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../libs/server/src/lib/letters/templates',
);

const p = (text, options = {}) =>
  new Paragraph({
    children: [new TextRun({ text, bold: options.bold })],
    spacing: { after: 160 },
  });
const h = (text) =>
  new Paragraph({
    text,
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
  });

const head = [
  p('{councilName}', { bold: true }),
  p('{councilAddress}'),
  p('Date: {letterDate}'),
  p('Our reference: {caseReference}'),
  p('To: {recipientName}'),
];
const sign = [
  p('If you have any questions about this letter, contact me.'),
  p('Yours sincerely,'),
  p('{caseworkerName}'),
  p('{caseworkerTeam}, {councilName}. {caseworkerEmail}'),
];
const deadlines = [
  p('{#deadlines}'),
  p('{title}: by {dueOn}. ({explanation})'),
  p('{/deadlines}'),
];

const TEMPLATES = {
  decision_notice: [
    ...head,
    h('Our decision about {childName} (born {dateOfBirth})'),
    p('Dear {recipientName},'),
    p('On {decisionDate} we made this decision: {decisionTitle}.'),
    // Only a final or amended plan names a school (section I, SEND Regs 2014 reg 12(1)(i)): the
    // paragraph is left out when the decision names none.
    p('{#placement}'),
    p(
      'The plan names this school or other institution in section I: {placement}.',
    ),
    p('{/placement}'),
    p('{rationale}'),
    h('If you disagree: mediation'),
    p(
      'You have the right to mediation. Mediation is a meeting with an independent mediator to try to settle the disagreement with us. It is free.',
    ),
    p(
      'If you are thinking of appealing, you must first contact the mediation adviser: {mediationAdviserName}, telephone {mediationAdviserPhone}, email {mediationAdviserEmail}. Contact them by {mediationContactBy}. ({mediationContactExplanation})',
    ),
    p(
      'You do not have to take part in mediation to appeal. You only need the mediation certificate the adviser gives you, unless your appeal is only about the school or other institution named in the plan.',
    ),
    p(
      'If you want mediation, tell us and say what you disagree about: {councilMediationContactName}, telephone {councilMediationContactPhone}, email {councilMediationContactEmail}.',
    ),
    h('Your right to appeal'),
    p(
      'You can appeal to the First-tier Tribunal (Special Educational Needs and Disability). The last day to appeal is {appealBy}. ({appealExplanation}) If you get a mediation certificate, you have at least one month from the date of the certificate.',
    ),
    h('Other help'),
    p(
      'Disagreement resolution is another free way to settle a disagreement, with an independent person: {disagreementResolutionName}, telephone {disagreementResolutionPhone}, email {disagreementResolutionEmail}.',
    ),
    p(
      'The information, advice and support service can help you for free: {iassName}, telephone {iassPhone}, email {iassEmail}.',
    ),
    h('The dates that apply'),
    ...deadlines,
    ...sign,
  ],
  recommendation_response: [
    ...head,
    h('Our response to the Tribunal’s recommendation about {childName}'),
    p('Dear {recipientName},'),
    p(
      'In appeal {tribunalReference} the Tribunal, on {tribunalDecisionDate}, recommended for section {recommendationSection} of the plan:',
    ),
    // The Tribunal's words as recorded, in a paragraph of their own (they end with their own full stop, or not).
    p('{recommendationText}'),
    p('The body responsible for this recommendation is: {responsibleBody}.'),
    p('Our decision: the recommendation is {outcome}.'),
    p('Our reasons: {reasons}'),
    p(
      'We had to send you this response by {responseDueOn}. It was sent to: {sentTo}.',
    ),
    ...sign,
  ],
  concession_notice: [
    ...head,
    h('Appeal {tribunalReference}: the council will not oppose the appeal'),
    p('To the First-tier Tribunal (Special Educational Needs and Disability),'),
    p(
      'On {noticeDate} the council decided not to oppose the appeal about {childName} (born {dateOfBirth}), reference {tribunalReference}.',
    ),
    p('{#orders}'),
    p('We will: {order}. {details}'),
    p('{/orders}'),
    h('The dates that apply'),
    ...deadlines,
    ...sign,
  ],
  mediation_arranged: [
    ...head,
    h('Mediation about {childName} has been arranged'),
    p('Dear {recipientName},'),
    p(
      'On {arrangedOn} we arranged the mediation you asked for. It will take place on {mediationDate}, with {mediationProvider}.',
    ),
    p('We had to arrange it by {arrangeBy}.'),
    p(
      'If you have questions about the mediation, contact the mediation adviser: {mediationAdviserName}, telephone {mediationAdviserPhone}.',
    ),
    ...sign,
  ],
  order_compliance: [
    ...head,
    h(
      'Appeal {tribunalReference} about {childName}: we have done what the Tribunal ordered',
    ),
    p('Dear {recipientName},'),
    p('The Tribunal ordered: {order}. {orderDetails}'),
    p(
      'We have done this: {duty}. We did it on {compliedOn} (it was due by {dutyDueOn}).',
    ),
    p('What we did: {evidence}'),
    ...sign,
  ],
};

for (const [kind, children] of Object.entries(TEMPLATES)) {
  const doc = new Document({
    creator: 'SEND disagreements',
    title: kind,
    styles: {
      default: { document: { run: { font: 'Liberation Sans', size: 22 } } },
    },
    sections: [{ children }],
  });
  const buffer = await Packer.toBuffer(doc);
  writeFileSync(join(OUT, `${kind}.docx`), buffer);
  console.log(`${kind}.docx: ${buffer.length} bytes`);
}
