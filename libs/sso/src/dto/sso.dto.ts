import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsEmailAddress, IsOneLineText } from '@leadpath/platform/http';

/** A DNS name of at least two labels, lower case (the transform lowers it first). */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

export class PutSsoDto {
  @ApiProperty({
    example: 'https://example.okta.com',
    description:
      'The provider’s issuer URL (its discovery document is at `/.well-known/openid-configuration` below it)',
  })
  @IsString()
  @MaxLength(500)
  issuer: string;

  @ApiProperty({ example: '0oa1b2c3d4' })
  @IsOneLineText(255)
  @MinLength(1)
  clientId: string;

  @ApiPropertyOptional({
    description: 'Required the first time; leave it out to keep the stored one. Never returned.',
    writeOnly: true,
  })
  @IsOptional()
  @IsOneLineText(1000)
  @MinLength(1)
  clientSecret?: string;

  @ApiProperty({
    example: ['example.com'],
    description: 'E-mail domains that sign in through this provider; a domain belongs to one organization',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? value.map((d: unknown) => (typeof d === 'string' ? d.trim().toLowerCase().replace(/\.$/, '') : d))
      : value,
  )
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  @Matches(DOMAIN, { each: true, message: 'domains must be domain names such as example.com' })
  @ArrayUnique()
  domains: string[];

  @ApiProperty({ description: 'Refuse password sign-in to the organization’s accounts, break-glass accounts excepted' })
  @IsBoolean()
  requireSso: boolean;

  @ApiProperty({
    description: 'An unknown verified address of a listed domain becomes a user without roles at its first sign-in',
  })
  @IsBoolean()
  jitProvisioning: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The ID token claim that lists groups; kept for SCIM group-to-role mapping, not read at sign-in',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9_.:/-]{1,100}$/, { message: 'groupsClaim must be a claim name (letters, digits, _ . : / -)' })
  groupsClaim?: string | null;
}

const URL_TEXT = { type: String, maxLength: 2000 } as const;
const URL_OR_NULL = { ...URL_TEXT, nullable: true } as const;
const NAMES = (maxItems: number, maxLength: number) =>
  ({
    type: 'array',
    maxItems,
    items: { type: 'string', maxLength },
  }) as const;

export class SsoDiscoveryResponse {
  @ApiProperty() ok: boolean;
  @ApiProperty({ nullable: true, type: String, maxLength: 500, description: 'Why the provider could not be read' })
  error: string | null;
  @ApiProperty(URL_OR_NULL) issuer: string | null;
  @ApiProperty(URL_OR_NULL) authorizationEndpoint: string | null;
  @ApiProperty(URL_OR_NULL) tokenEndpoint: string | null;
  @ApiProperty(URL_OR_NULL) jwksUri: string | null;
  @ApiProperty({ ...NAMES(20, 10), description: 'The allowed ID token signing algorithms the provider offers' })
  idTokenSigningAlgorithms: string[];
}

export class SsoConfigResponse {
  @ApiProperty({ type: String, maxLength: 500 }) issuer: string;
  @ApiProperty({ type: String, maxLength: 255 }) clientId: string;
  @ApiProperty({ description: 'Whether a client secret is stored (the secret itself is never returned)' })
  clientSecretSet: boolean;
  @ApiProperty(NAMES(50, 253)) domains: string[];
  @ApiProperty() requireSso: boolean;
  @ApiProperty() jitProvisioning: boolean;
  @ApiProperty({ nullable: true, type: String, maxLength: 100 }) groupsClaim: string | null;
  @ApiProperty({ ...URL_TEXT, description: 'Register this redirect URI at the provider' }) redirectUri: string;
  @ApiProperty({ ...NAMES(3, 10), example: ['openid', 'email', 'profile'] }) scopes: string[];
  @ApiProperty({ type: SsoDiscoveryResponse }) discovery: SsoDiscoveryResponse;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SsoEmailQueryDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmailAddress()
  email: string;
}

export class SsoDiscoverResponse {
  @ApiProperty({ description: 'Whether this address’s domain signs in through its organization’s identity provider' })
  sso: boolean;
  @ApiProperty({ ...URL_OR_NULL, description: 'Where to send the browser to sign in, when `sso`' })
  startUrl: string | null;
}
