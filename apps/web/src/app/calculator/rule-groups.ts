import type { RuleView } from '@send/contracts';
import type { Choice } from '../shared/forms/form-types';

/** The families of rules, in the order a case meets them, by the start of their ids. */
const FAMILIES: readonly { label: string; prefixes: readonly string[] }[] = [
  {
    label: 'Assessments, plans and reviews',
    prefixes: ['assessment.', 'draft_plan.', 'review.'],
  },
  {
    label: 'Mediation',
    prefixes: [
      'mediation.',
      'agreement.other_matters',
      'agreement.health_notify_la',
    ],
  },
  { label: 'Appeals to the Tribunal', prefixes: ['appeal.', 'tribunal.'] },
  { label: 'Tribunal orders', prefixes: ['order.'] },
  { label: 'Appeals conceded by the council', prefixes: ['concession.'] },
  {
    label: 'Mediation agreements on matters that could have been appealed',
    prefixes: ['agreement.appealable_matters.'],
  },
  {
    label: 'Health and social care recommendations',
    prefixes: ['recommendation.'],
  },
];

/** The rules as the options of a select, grouped by family (each option is the rule's title). */
export function groupRules(
  rules: readonly RuleView[],
): { label: string; options: Choice[] }[] {
  const familyOf = (id: string) =>
    FAMILIES.findIndex((f) => f.prefixes.some((p) => id.startsWith(p)));
  return FAMILIES.map((family, index) => ({
    label: family.label,
    options: rules
      .filter((r) => familyOf(r.id) === index)
      .map((r) => ({ value: r.id, text: r.title })),
  })).filter((g) => g.options.length);
}
