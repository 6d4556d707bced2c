import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BulkReassignRequest } from '@send/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { LONG_TEXT } from '../http/common.dto';

/** The most cases one bulk reassignment moves (a caseworker's whole caseload fits many times). */
export const MAX_CASES_MOVED = 500;

export class PreviewReassignmentQueryDto {
  @ApiProperty({
    description: 'The caseworker who is leaving (staff id)',
    format: 'uuid',
  })
  @IsUUID('all', { message: 'Choose the caseworker whose cases are to move.' })
  fromStaffUserId!: string;
}

export class BulkReassignDto implements BulkReassignRequest {
  @ApiProperty({
    description: 'The caseworker whose cases move',
    format: 'uuid',
  })
  @IsUUID('all', { message: 'Choose the caseworker whose cases are to move.' })
  fromStaffUserId!: string;

  @ApiProperty({
    description: "The cases to move: each must be the leaver's, in your team",
    type: [String],
    format: 'uuid',
  })
  @IsUUID('all', {
    each: true,
    message: 'Choose the cases to move from the list of their cases.',
  })
  @ArrayUnique({ message: 'A case is chosen twice: choose each case once.' })
  @ArrayMaxSize(MAX_CASES_MOVED, {
    message: `Move at most ${MAX_CASES_MOVED} cases at a time.`,
  })
  @ArrayMinSize(1, { message: 'Choose at least one case to move.' })
  @IsArray({ message: 'Choose at least one case to move.' })
  caseIds!: string[];

  @ApiPropertyOptional({
    description: 'The caseworker who takes every case (or give spreadAcross)',
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID('all', { message: 'Choose who takes the cases from the list.' })
  staffUserId?: string;

  @ApiPropertyOptional({
    description:
      'Several caseworkers who share the cases, dealt out in turn in the order of caseIds',
    type: [String],
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID('all', {
    each: true,
    message: 'Choose the caseworkers who share the cases from the list.',
  })
  @ArrayUnique({
    message: 'A caseworker is chosen twice: choose each one once.',
  })
  @ArrayMaxSize(50, { message: 'Share the cases among at most 50 people.' })
  @ArrayMinSize(1, {
    message: 'Choose at least one caseworker to share the cases.',
  })
  @IsArray({ message: 'Choose the caseworkers who share the cases.' })
  spreadAcross?: string[];

  @ApiProperty({ example: 'Caseworker left the council on 30 November' })
  @MaxLength(LONG_TEXT, {
    message: `Write the reason in at most ${LONG_TEXT} characters.`,
  })
  @IsNotEmpty({
    message:
      'Give the reason the cases move (for example, the caseworker has left): it is kept in each case history.',
  })
  @IsString({ message: 'Give the reason the cases move, in words.' })
  reason!: string;
}
