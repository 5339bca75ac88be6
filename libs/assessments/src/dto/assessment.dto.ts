import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@leadpath/platform/http';
import type { Sign, Suggestion } from '../scoring';

const Answer = (description: string) => (target: object, key: string) => {
  ApiProperty({ minimum: 1, maximum: 5, description })(target, key);
  IsInt()(target, key);
  Min(1)(target, key);
  Max(5)(target, key);
};

/** The nine signs, each 1 (not at all) to 5 (strongly). */
export class AnswersDto implements Record<Sign, number> {
  @Answer('fit: mentors others unprompted') mentors_others: number;
  @Answer('fit: thinks in systems beyond technology') systems_thinking: number;
  @Answer('fit: willing to give up hands-on work') gives_up_hands_on: number;
  @Answer('fit: handles uncomfortable conversations') uncomfortable_conversations: number;
  @Answer('fit: patient with ambiguity') patient_with_ambiguity: number;
  @Answer('stay technical: loves the craft itself') loves_craft: number;
  @Answer('stay technical: best days are heads-down') heads_down_focus: number;
  @Answer('stay technical: prefers problems that have solutions') prefers_solvable_problems: number;
  @Answer('stay technical: would do it only for money or title') money_or_title: number;
}

export class CreateAssessmentDto {
  @ApiProperty({ enum: ['self', 'manager'], description: 'self: by the mentee; manager: by the line manager' })
  @IsIn(['self', 'manager'])
  kind: 'self' | 'manager';

  @ApiProperty({ type: AnswersDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AnswersDto)
  answers: AnswersDto;
}

export class AssessmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['self', 'manager'] })
  @IsOptional()
  @IsIn(['self', 'manager'])
  kind?: 'self' | 'manager';
}

const Difference = (description: string) =>
  ApiProperty({ type: 'integer', format: 'int32', minimum: -4, maximum: 4, description });

/** Per sign, one view's answer minus the other's: −4 to 4, negative where this view sees less. */
export class SignGapResponse implements Record<Sign, number> {
  @Difference('fit: mentors others unprompted') mentors_others: number;
  @Difference('fit: thinks in systems beyond technology') systems_thinking: number;
  @Difference('fit: willing to give up hands-on work') gives_up_hands_on: number;
  @Difference('fit: handles uncomfortable conversations') uncomfortable_conversations: number;
  @Difference('fit: patient with ambiguity') patient_with_ambiguity: number;
  @Difference('stay technical: loves the craft itself') loves_craft: number;
  @Difference('stay technical: best days are heads-down') heads_down_focus: number;
  @Difference('stay technical: prefers problems that have solutions') prefers_solvable_problems: number;
  @Difference('stay technical: would do it only for money or title') money_or_title: number;
}

export class GapResponse {
  @ApiProperty({ format: 'uuid', description: 'the latest assessment of the other kind' }) otherAssessmentId: string;
  @ApiProperty({ enum: ['self', 'manager'] }) otherKind: 'self' | 'manager';
  @ApiProperty({ type: SignGapResponse, description: 'per sign: this answer minus the other view’s' }) perSign: Record<
    Sign,
    number
  >;
  @ApiProperty({ minimum: -8, maximum: 8, description: 'this fit minus the other view’s fit, in [−8, 8]' }) fit: number;
}

export class AssessmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) menteeId: string;
  @ApiProperty({ enum: ['self', 'manager'] }) kind: 'self' | 'manager';
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ type: AnswersDto }) answers: Record<Sign, number>;
  @ApiProperty({ minimum: -4, maximum: 4, description: 'mean(fit signs) − mean(stay signs), in [−4, 4]' }) fit: number;
  @ApiProperty({ enum: ['management', 'technical_leadership', 'undecided'] }) suggestion: Suggestion;
  @ApiProperty({ type: GapResponse, nullable: true, description: 'null until the other view has an assessment' })
  gap: GapResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AssessmentPage {
  @ApiProperty({ type: [AssessmentResponse] }) items: AssessmentResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
