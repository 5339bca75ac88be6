import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@leadpath/access';
import { ToCanonicalEmail } from '@leadpath/platform/http';
import { UserResponse } from '@leadpath/users';

export class LoginDto {
  @ApiProperty({ example: 'hr@demo.leadpath.test' })
  @ToCanonicalEmail()
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'the organization to sign in to, when the address has accounts in several (a 409 `choose_organization` lists those where the password is right)',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({
    description: 'also start a browser session: an HttpOnly refresh cookie for POST /auth/refresh',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  browserSession?: boolean;
}

/** An access token as sign-in and sign-up return it: a compact JWS. */
export const ACCESS_TOKEN_PROPERTY = {
  maxLength: 4096,
  pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
  description: 'a JWS (see the bearer scheme)',
};

export class LoginResponse {
  @ApiProperty(ACCESS_TOKEN_PROPERTY) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}

export class OrganizationSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class MeResponse {
  @ApiProperty({ type: UserResponse }) user: UserResponse;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: OrganizationSummary }) organization: OrganizationSummary;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) menteeId: string | null;
}

export class PasswordResetDto {
  @ApiProperty({ example: 'ada@example.com' })
  @ToCanonicalEmail()
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'the token from the link in the invitation or reset e-mail' })
  @IsString()
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 10, maxLength: 256 })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class AcceptedResponse {
  @ApiProperty({ example: 'If an account has this address, a link to choose a new password is on its way.' })
  message: string;
}
