import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsEmail, IsObject, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ONE_LINE, UserResponse } from '@leadpath/users';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SignupAdminDto {
  @ApiProperty({ example: 'hr@example.com' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Grace Hopper' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(ONE_LINE, { message: 'name must be one line of printable text' })
  name: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Acme Engineering' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(ONE_LINE, { message: 'name must be one line of printable text' })
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
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty() expiresIn: number;
}
