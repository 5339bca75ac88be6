import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { ROLES, type Role } from '@leadpath/access';
import { IsEmailAddress, IsOneLineText, PageQueryDto, ToBoolean } from '@leadpath/platform/http';

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export class CreateUserDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsOneLineText(200)
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['manager'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({
    minLength: 10,
    maxLength: 256,
    description: 'Without it the user is e-mailed an invitation link (single use, 7 days) to choose one',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsOneLineText(200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false deactivates: login and existing tokens stop working' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10, maxLength: 256 })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({
    description:
      'true lets this account sign in with its password although the organization requires single sign-on (the way in when the identity provider fails)',
  })
  @IsOptional()
  @IsBoolean()
  breakGlass?: boolean;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'part of a name or an e-mail address, case-insensitive',
    example: 'ada',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: ROLES,
    isArray: true,
    description: 'empty for an account provisioned at its first single sign-on, until HR gives it a role',
  })
  roles: Role[];
  @ApiProperty() active: boolean;
  @ApiProperty({
    enum: USER_STATUSES,
    description:
      'invited: asked to choose a password and has not yet; active: can sign in; deactivated: cannot sign in',
  })
  status: UserStatus;
  @ApiPropertyOptional({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'when the latest invitation was sent, while the person has not accepted it',
  })
  invitedAt: string | null;
  @ApiProperty({ description: 'may sign in with a password although the organization requires single sign-on' })
  breakGlass: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class UserPage {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
