import { ACCESS_TOKEN_PROPERTY } from '@leadpath/auth';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsEmailAddress, IsOneLineText } from '@leadpath/platform/http';
import { UserResponse } from '@leadpath/users';

export class SignupAdminDto {
  @ApiProperty({ example: 'hr@example.com' })
  @IsEmailAddress()
  email: string;

  @ApiProperty({ example: 'Grace Hopper' })
  @IsOneLineText(200)
  name: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Acme Engineering' })
  @IsOneLineText(200)
  name: string;

  @ApiProperty({ type: SignupAdminDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SignupAdminDto)
  admin: SignupAdminDto;
}

export class OrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SignupResponse {
  @ApiProperty({ type: OrganizationResponse }) organization: OrganizationResponse;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty(ACCESS_TOKEN_PROPERTY) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty() expiresIn: number;
}
