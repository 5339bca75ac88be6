import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class NotificationPreferencesResponse {
  @ApiProperty({ description: 'to the mentee: new shared feedback' }) feedbackShared: boolean;
  @ApiProperty({ description: 'to the mentee: a milestone verified or revoked' }) milestoneChanges: boolean;
  @ApiProperty({ description: 'to the mentee: a goal confirmed' }) goalConfirmed: boolean;
  @ApiProperty({ description: "to managers: the weekly digest (Monday 08:00 in the organization's time zone)" })
  weeklyDigest: boolean;
  @ApiProperty({ description: 'to HR admins: the monthly bench summary (the 1st, 08:00)' }) monthlySummary: boolean;
}

export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() feedbackShared?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() milestoneChanges?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() goalConfirmed?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() weeklyDigest?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() monthlySummary?: boolean;
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
