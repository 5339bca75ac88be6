import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ROLES, type Role } from '@leadpath/access';
import { IsOneLineText } from '@leadpath/platform/http';

export class CreateScimTokenDto {
  @ApiProperty({ example: 'Okta', maxLength: 100, description: 'who holds it; the audit trail names the token by it' })
  @IsOneLineText(100)
  name: string;
}

export class ScimTokenResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ maxLength: 100 }) name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the HR admin who made it' })
  createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'to the minute' })
  lastUsedAt: string | null;
}

export class CreatedScimTokenResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ maxLength: 100 }) name: string;
  @ApiProperty({
    description: 'the bearer token for the identity provider, shown this once; Leadpath keeps only its hash',
    example: 'scim_3q2-…',
  })
  token: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ScimTokenPage {
  @ApiProperty({ type: [ScimTokenResponse] }) items: ScimTokenResponse[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'always null: every token fits one page' })
  nextCursor: string | null;
}

/** The body and answer of the group → role map: a group's display name (any case) → the role it gives. */
export type GroupRoles = Record<string, Role>;

export const GROUP_ROLES_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: { type: 'string', enum: [...ROLES] },
  maxProperties: 500,
  example: { 'Engineering Managers': 'manager', 'People Team': 'hr_admin', Graduates: 'mentee' },
  description: 'group display name → role; a SCIM-managed person holds the roles of their groups',
};
