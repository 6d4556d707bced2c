import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { DeadlineCalculation, RuleView } from '@send/contracts';
import {
  type Calendar,
  dueDate,
  EXTENSION_GROUNDS,
  FACT_LABELS,
  isValidIsoDate,
  type RuleId,
  RULES,
  RULESET_VERSION,
} from '@send/domain';
import { AllowRoles, CASE_READERS } from '../identity/actor';
import { CALENDAR } from '../calendar/calendar.token';
import { arrayOf, schemaRef } from '../http/endpoints';
import { DeadlineCalculationDto } from './rules.dto';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});

const factsOf = (rule: (typeof RULES)[number]): RuleView['facts'] => [
  ...rule.requiredFacts.map((name) => ({
    name,
    label: FACT_LABELS[name] ?? name,
    required: true,
  })),
  ...rule.optionalFacts.map((name) => ({
    name,
    label: FACT_LABELS[name] ?? name,
    required: false,
  })),
];

/** Every rule as the web app shows it: built once, the rules are part of the release. */
const RULE_VIEWS: readonly RuleView[] = RULES.map((rule) => ({
  id: rule.id,
  title: rule.title,
  period: rule.period,
  source: rule.source,
  facts: factsOf(rule),
  ...(rule.extension
    ? {
        extension: {
          source: rule.extension.source,
          grounds: rule.extension.grounds.map((id) => ({
            id,
            label: EXTENSION_GROUNDS[id],
          })),
        },
      }
    : {}),
}));

/**
 * The statutory clock, read-only: the rules, and a due date worked out from dates a member of
 * staff enters. The server's calendar (bank holidays) is the one the stored deadlines use. Nothing
 * here reads or writes case data, so nothing goes to the access log.
 */
@ApiTags('deadlines')
@Controller()
@AllowRoles(...CASE_READERS)
@ApiUnauthorizedResponse(problem('Not signed in, or the session has ended'))
@ApiForbiddenResponse(
  problem(
    "Your role cannot do this, or a change came without the session's X-CSRF-Token",
  ),
)
export class RulesController {
  constructor(@Inject(CALENDAR) private readonly calendar: Calendar) {}

  @Get('rules')
  @ApiOperation({
    summary:
      'The rules of the statutory clock: what each counts from, its period, where the law sets it and on which grounds it may be extended',
  })
  @ApiOkResponse({ description: 'Every rule', schema: arrayOf('RuleView') })
  rules(): readonly RuleView[] {
    return RULE_VIEWS;
  }

  @Post('deadlines/calculation')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Work out a due date from a rule and its dates, with the explanation (nothing is saved)',
  })
  @ApiOkResponse({
    description: 'The due date and how it was worked out',
    schema: schemaRef('DeadlineCalculation'),
  })
  @ApiBadRequestResponse(
    problem(
      'Unknown rule, a date missing, or a date that is not real: `errors` names the fact (`facts.<name>`)',
    ),
  )
  calculate(@Body() body: DeadlineCalculationDto): DeadlineCalculation {
    const rule = RULE_VIEWS.find((r) => r.id === body.ruleId) as RuleView;
    const known = new Map(rule.facts.map((f) => [f.name, f]));
    const errors: { field: string; message: string }[] = [];
    for (const [name, value] of Object.entries(body.facts)) {
      const fact = known.get(name);
      if (!fact) {
        errors.push({
          field: `facts.${name}`,
          message: `${rule.title} does not count from '${name}': it counts from ${rule.facts.map((f) => f.name).join(' and ')}`,
        });
      } else if (!isValidIsoDate(value)) {
        errors.push({
          field: `facts.${name}`,
          message: `${fact.label} must be a real date written YYYY-MM-DD (got ${JSON.stringify(value)})`,
        });
      }
    }
    for (const fact of rule.facts) {
      if (fact.required && body.facts[fact.name] === undefined) {
        errors.push({
          field: `facts.${fact.name}`,
          message: `Enter the date: ${fact.label.toLowerCase()}`,
        });
      }
    }
    if (errors.length)
      throw new BadRequestException({
        message: errors.map((e) => e.message).join('; '),
        errors,
      });
    const { dueOn, explanation } = dueDate(
      rule.id as RuleId,
      body.facts as Record<string, string>,
      this.calendar,
    );
    return {
      ruleId: rule.id,
      ruleTitle: rule.title,
      rulesetVersion: RULESET_VERSION,
      dueOn,
      explanation,
    };
  }
}
