import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@leadpath/access';
import { PHASES, type Phase } from '@leadpath/platform/domain';
import { CSV_BODY_LIMIT_BYTES } from '@leadpath/platform/http';
import { IMPORT_STATUSES, type ImportStatus } from '../entities/import.entity';
import { PEOPLE_COLUMNS, type PeopleColumn } from '../people-csv';

/** How many planned rows a preview shows; the rest are applied all the same. */
export const PREVIEW_ROWS = 200;

export class ImportPeopleDto {
  @ApiProperty({
    description:
      'The file: a header line naming the columns (email, name, roles, department, manager_email, mentor_email, ' +
      'phase; any case; email and name required), then one person per line; `,` or `;` between cells; UTF-8, ' +
      'with or without a byte-order mark. Sent as this JSON field or as the whole body with `Content-Type: text/csv`.',
    example: 'email,name,roles,department,manager_email,mentor_email,phase\nada@example.com,Ada Lovelace,manager,,,,\n',
    maxLength: CSV_BODY_LIMIT_BYTES,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(CSV_BODY_LIMIT_BYTES)
  csv: string;
}

export class ApplyImportDto {
  @ApiPropertyOptional({
    default: false,
    description: 'mail each person the import creates an invitation to choose their password',
  })
  @IsOptional()
  @IsBoolean()
  invite?: boolean;
}

export class ImportRowErrorResponse {
  @ApiProperty({ minimum: 2, description: 'the line of the file; the header is row 1' }) row: number;
  @ApiProperty({
    enum: PEOPLE_COLUMNS,
    nullable: true,
    type: String,
    description: 'the column at fault; null when the whole row is',
  })
  column: PeopleColumn | null;
  @ApiProperty({ maxLength: 300 }) message: string;
}

export class PlannedPersonResponse {
  @ApiProperty({ minimum: 2 }) row: number;
  @ApiProperty({ maxLength: 254 }) email: string;
  @ApiProperty({ enum: ['create', 'update', 'unchanged'] }) action: 'create' | 'update' | 'unchanged';
  @ApiProperty({ maxLength: 200 }) name: string;
  @ApiProperty({ enum: ROLES, isArray: true, maxItems: 3 }) roles: Role[];
  @ApiProperty({ nullable: true, type: String, maxLength: 254, description: 'mentees only' })
  managerEmail: string | null;
  @ApiProperty({ nullable: true, type: String, maxLength: 254, description: 'mentees only' })
  mentorEmail: string | null;
  @ApiProperty({ nullable: true, type: String, maxLength: 100, description: 'mentees only' })
  department: string | null;
  @ApiProperty({ enum: PHASES, nullable: true, type: String, description: 'mentees only' }) phase: Phase | null;
}

export class PeopleImportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: ImportStatus;
  @ApiProperty({ minimum: 0, description: 'people the import adds' }) creates: number;
  @ApiProperty({ minimum: 0, description: 'people whose account or mentee record it changes' }) updates: number;
  @ApiProperty({ minimum: 0, description: 'rows that change nothing' }) unchanged: number;
  @ApiProperty({
    type: [ImportRowErrorResponse],
    maxItems: 100000,
    description: 'every problem, by row and column; an import with any cannot be applied',
  })
  errors: ImportRowErrorResponse[];
  @ApiProperty({
    type: [PlannedPersonResponse],
    maxItems: PREVIEW_ROWS,
    description: `the first ${PREVIEW_ROWS} rows without errors, as they would be applied`,
  })
  rows: PlannedPersonResponse[];
  @ApiProperty({ minimum: 0, description: 'rows without errors, all shown or not' }) plannedRows: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) appliedAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'after this the preview can no longer be applied' })
  expiresAt: string;
}

export class AppliedImportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['applied'] }) status: 'applied';
  @ApiProperty({ minimum: 0 }) creates: number;
  @ApiProperty({ minimum: 0 }) updates: number;
  @ApiProperty({ minimum: 0 }) unchanged: number;
  @ApiProperty({ minimum: 0, description: 'invitations mailed (to the people created)' }) invited: number;
  @ApiProperty({ format: 'date-time' }) appliedAt: string;
}
