import { UTCDate } from '@date-fns/utc';
import {
  addDays,
  addMonths,
  eachDayOfInterval,
  getDate,
  getMonth,
} from 'date-fns';
import fc from 'fast-check';
import { defaultCalendar } from '../calendar/calendar';
import { formatLongDate, toIsoDate, toUtcDate } from '../dates/iso-date';
import { dueDate } from './due-date';
import { RULE_IDS, RULES } from './rules';
import { addTribunalWorkingDays, addWorkingDays } from './working-days';

const calendar = defaultCalendar();

/** Any date from 2015 to 2040: published years and projected years on both sides. */
const isoDate = fc
  .integer({ min: 0, max: 26 * 366 })
  .map((offset) => toIsoDate(addDays(new UTCDate(2015, 0, 1), offset)));

/** Facts for a rule: each required fact, and each optional fact sometimes. */
const ruleAndFacts = fc.constantFrom(...RULES).chain((rule) =>
  fc
    .record({
      required: fc.tuple(...rule.requiredFacts.map(() => isoDate)),
      optional: fc.tuple(
        ...rule.optionalFacts.map(() => fc.option(isoDate, { nil: undefined })),
      ),
    })
    .map(({ required, optional }) => {
      const facts: Record<string, string> = {};
      rule.requiredFacts.forEach((fact, i) => (facts[fact] = required[i]!));
      rule.optionalFacts.forEach((fact, i) => {
        const value = optional[i];
        if (value !== undefined) facts[fact] = value;
      });
      return { rule, facts };
    }),
);

const inChristmasBreak = (iso: string) => {
  const day = toUtcDate(iso);
  return (
    (getMonth(day) === 11 && getDate(day) >= 25) ||
    (getMonth(day) === 0 && getDate(day) === 1)
  );
};
const inAugust = (iso: string) => getMonth(toUtcDate(iso)) === 7;

describe('dueDate properties', () => {
  it('never gives a due date before any of its facts (except a deadline set ahead of an event, such as a phase transfer)', () => {
    fc.assert(
      fc.property(ruleAndFacts, ({ rule, facts }) => {
        const { dueOn } = dueDate(rule.id, facts);
        return (
          rule.counting === 'by_day_of_year' ||
          Object.values(facts).every((fact) => dueOn >= fact)
        );
      }),
    );
  });

  it('ends every explanation with the due date and the source', () => {
    fc.assert(
      fc.property(ruleAndFacts, ({ rule, facts }) => {
        const { dueOn, explanation } = dueDate(rule.id, facts);
        expect(explanation[explanation.length - 1]).toBe(
          `Due ${formatLongDate(dueOn)} (${rule.source})`,
        );
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(ruleAndFacts, ({ rule, facts }) => {
        expect(dueDate(rule.id, { ...facts })).toEqual(dueDate(rule.id, facts));
      }),
    );
  });

  it('puts the appeal deadline on a working day, by exactly one r.12 move that never chains', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.option(isoDate, { nil: undefined }),
        (decisionLetterSent, certificateIssued) => {
          const facts =
            certificateIssued === undefined
              ? { decisionLetterSent }
              : { decisionLetterSent, certificateIssued };
          const { dueOn } = dueDate('appeal.lodge', facts);
          // The day the time ends: the later of the two periods, before any move.
          const ends = [
            dueDate('mediation.contact_adviser', { decisionLetterSent }).dueOn,
          ];
          if (certificateIssued !== undefined)
            ends.push(toIsoDate(addMonths(toUtcDate(certificateIssued), 1)));
          const end = ends.sort().at(-1)!;
          expect(calendar.isWorkingDay(dueOn)).toBe(true);
          if (inAugust(end) || inChristmasBreak(end)) {
            // r.12(3)(a): the first working day after 31 Aug or 1 Jan.
            expect(inAugust(dueOn) || inChristmasBreak(dueOn)).toBe(false);
            const after = toIsoDate(addDays(toUtcDate(dueOn), -1));
            expect(
              inAugust(after) ||
                inChristmasBreak(after) ||
                !calendar.isWorkingDay(after),
            ).toBe(true);
          } else if (calendar.isWorkingDay(end)) {
            expect(dueOn).toBe(end);
          } else {
            // r.12(2): the next working day, wherever it falls (no second move into September or January).
            expect(dueOn > end).toBe(true);
            expect(addWorkingDays(end, 1)).toBe(dueOn);
          }
        },
      ),
    );
  });

  it('covers every rule id', () => {
    expect(RULES.map((rule) => rule.id)).toEqual(RULE_IDS);
  });
});

describe('working-day counting properties', () => {
  const countedBetween = (
    start: string,
    end: string,
    counts: (iso: string) => boolean,
  ) =>
    eachDayOfInterval({
      start: addDays(toUtcDate(start), 1),
      end: toUtcDate(end),
    })
      .map(toIsoDate)
      .filter(counts).length;

  it('lands on a working day after skipping exactly the right count', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const due = addWorkingDays(start, n);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(
          countedBetween(start, due, (d) => calendar.isWorkingDay(d)),
        ).toBe(n);
      }),
    );
  });

  it('Tribunal working days also skip August and 25 Dec–1 Jan', () => {
    const tribunalDay = (d: string) =>
      calendar.isWorkingDay(d) && !inAugust(d) && !inChristmasBreak(d);
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const due = addTribunalWorkingDays(start, n);
        expect(tribunalDay(due)).toBe(true);
        expect(countedBetween(start, due, tribunalDay)).toBe(n);
      }),
    );
  });
});
