import { ApiProperty } from '@nestjs/swagger';
import type { DeadlineCalculationRequest } from '@send/contracts';
import { RULE_IDS } from '@send/domain';
import { IsIn, IsObject, IsString } from 'class-validator';

/** `facts` is checked against the rule by the controller, so that each error can name its fact. */
export class DeadlineCalculationDto
  implements Omit<DeadlineCalculationRequest, 'facts'>
{
  @ApiProperty({
    description: 'The rule (see GET /api/rules)',
    example: 'appeal.lodge',
  })
  @IsIn(RULE_IDS, {
    message:
      'ruleId must be the id of a rule of the statutory clock (see GET /api/rules)',
  })
  @IsString({
    message:
      'ruleId must be the id of a rule of the statutory clock (see GET /api/rules)',
  })
  ruleId!: string;

  @ApiProperty({
    description:
      "The dates the rule counts from, by fact name (see the rule's facts), each YYYY-MM-DD",
    example: {
      decisionLetterSent: '2026-10-01',
      certificateIssued: '2026-11-29',
    },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsObject({
    message:
      'facts must be an object of fact names and dates, e.g. { "decisionLetterSent": "2026-10-01" }',
  })
  facts!: Record<string, unknown>;
}
