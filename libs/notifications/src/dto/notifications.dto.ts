import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, ValidateIf } from 'class-validator';

export class NotificationPreferencesResponse {
  @ApiProperty({ description: 'to the mentee: new shared feedback' }) feedbackShared: boolean;
  @ApiProperty({ description: 'to the mentee: a milestone verified or revoked' }) milestoneChanges: boolean;
  @ApiProperty({ description: 'to the mentee: a goal confirmed' }) goalConfirmed: boolean;
  @ApiProperty({ description: "to managers: the weekly digest (Monday 08:00 in the organization's time zone)" })
  weeklyDigest: boolean;
  @ApiProperty({ description: 'to HR admins: the monthly bench summary (the 1st, 08:00)' }) monthlySummary: boolean;
}

/** Absent leaves a switch as it is; `null` is not a switch position, so it is refused with 400. */
const present = (key: keyof UpdateNotificationPreferencesDto) =>
  ValidateIf((o: UpdateNotificationPreferencesDto) => o[key] !== undefined);

export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional() @present('feedbackShared') @IsBoolean() feedbackShared?: boolean;
  @ApiPropertyOptional() @present('milestoneChanges') @IsBoolean() milestoneChanges?: boolean;
  @ApiPropertyOptional() @present('goalConfirmed') @IsBoolean() goalConfirmed?: boolean;
  @ApiPropertyOptional() @present('weeklyDigest') @IsBoolean() weeklyDigest?: boolean;
  @ApiPropertyOptional() @present('monthlySummary') @IsBoolean() monthlySummary?: boolean;
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'the token of the List-Unsubscribe link', maxLength: 300 })
  @IsString()
  @MaxLength(300)
  token: string;
}

export class UnsubscribeResponse {
  @ApiProperty({ example: 'You will no longer receive e-mails about new shared feedback.', maxLength: 200 })
  message: string;
}
