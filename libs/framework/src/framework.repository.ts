import { Injectable } from '@nestjs/common';
import type { Phase } from '@leadpath/mentees';
import { Database, DEFAULT_SETTINGS, PHASES_SQL, type Sql } from '@leadpath/platform';

const D = DEFAULT_SETTINGS;
import type { CompetencyCategory } from './entities/competency.entity';

export interface CompetencyRow {
  id: string;
  key: string;
  name: string;
  description: string;
  category: CompetencyCategory;
  position: number;
  retired_at: Date | null;
}

export interface MilestoneTemplateRow {
  id: string;
  key: string;
  phase: Phase;
  title: string;
  description: string;
  required: boolean;
  position: number;
  retired_at: Date | null;
}

export interface SettingsRow {
  weight_milestones: string;
  weight_competencies: string;
  weight_goals: string;
  stale_feedback_days: number;
  led_feedback_threshold: number;
  led_voice_weight: string;
  time_zone: string;
}

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('framework repository called without an organization id');
}

@Injectable()
export class FrameworkRepository {
  constructor(private readonly db: Database) {}

  /** Gives an organization the default framework; idempotent (see the migration that defines it). */
  async seed(sql: Sql, organizationId: string): Promise<void> {
    requireOrganization(organizationId);
    await sql.query('SELECT leadpath_seed_framework($1)', [organizationId]);
  }

  async competencies(organizationId: string, includeRetired: boolean, sql: Sql = this.db): Promise<CompetencyRow[]> {
    requireOrganization(organizationId);
    return sql.query<CompetencyRow>(
      `SELECT id, key, name, description, category, position, retired_at FROM competencies
        WHERE organization_id = $1 AND ($2 OR retired_at IS NULL) ORDER BY position, key`,
      [organizationId, includeRetired],
    );
  }

  async milestoneTemplates(
    organizationId: string,
    includeRetired: boolean,
    phase?: Phase,
    sql: Sql = this.db,
  ): Promise<MilestoneTemplateRow[]> {
    requireOrganization(organizationId);
    return sql.query<MilestoneTemplateRow>(
      `SELECT id, key, phase, title, description, required, position, retired_at FROM milestone_templates
        WHERE organization_id = $1 AND ($2 OR retired_at IS NULL) AND ($3::varchar IS NULL OR phase = $3)
        ORDER BY array_position(${PHASES_SQL}, phase),
                 position, key`,
      [organizationId, includeRetired, phase ?? null],
    );
  }

  async settings(organizationId: string, sql: Sql = this.db): Promise<SettingsRow> {
    requireOrganization(organizationId);
    const [row] = await sql.query<SettingsRow>(
      `SELECT weight_milestones, weight_competencies, weight_goals, stale_feedback_days, led_feedback_threshold, led_voice_weight,
              time_zone
         FROM organization_settings WHERE organization_id = $1`,
      [organizationId],
    );
    return (
      row ?? {
        weight_milestones: String(D.weightMilestones),
        weight_competencies: String(D.weightCompetencies),
        weight_goals: String(D.weightGoals),
        stale_feedback_days: D.staleFeedbackDays,
        led_feedback_threshold: D.ledFeedbackThreshold,
        led_voice_weight: String(D.ledVoiceWeight),
        time_zone: 'UTC',
      }
    );
  }

  /** The keys of `keys` that name no active competency of the organization. */
  async unknownCompetencies(organizationId: string, keys: string[], sql: Sql = this.db): Promise<string[]> {
    requireOrganization(organizationId);
    if (keys.length === 0) return [];
    const rows = await sql.query<{ key: string }>(
      `SELECT k AS key FROM unnest($2::varchar[]) AS k
        WHERE NOT EXISTS (SELECT 1 FROM competencies c WHERE c.organization_id = $1 AND c.key = k AND c.retired_at IS NULL)`,
      [organizationId, keys],
    );
    return rows.map((r) => r.key);
  }

  async insertCompetency(
    sql: Sql,
    organizationId: string,
    c: { key: string; name: string; description: string; category: CompetencyCategory; position: number },
  ): Promise<CompetencyRow> {
    requireOrganization(organizationId);
    const [row] = await sql.query<CompetencyRow>(
      `INSERT INTO competencies (organization_id, key, name, description, category, position)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, key, name, description, category, position, retired_at`,
      [organizationId, c.key, c.name, c.description, c.category, c.position],
    );
    return row;
  }

  async updateCompetency(
    sql: Sql,
    organizationId: string,
    id: string,
    c: { name?: string; description?: string; category?: CompetencyCategory; position?: number; retired?: boolean },
  ): Promise<CompetencyRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<CompetencyRow>(
      `UPDATE competencies SET
          name = COALESCE($3, name), description = COALESCE($4, description), category = COALESCE($5, category),
          position = COALESCE($6, position),
          retired_at = CASE WHEN $7::boolean IS NULL THEN retired_at WHEN $7 THEN COALESCE(retired_at, now()) ELSE NULL END,
          updated_at = now()
        WHERE organization_id = $1 AND id = $2
        RETURNING id, key, name, description, category, position, retired_at`,
      [
        organizationId,
        id,
        c.name ?? null,
        c.description ?? null,
        c.category ?? null,
        c.position ?? null,
        c.retired ?? null,
      ],
    );
    return row;
  }

  async insertMilestoneTemplate(
    sql: Sql,
    organizationId: string,
    m: { key: string; phase: Phase; title: string; description: string; required: boolean; position: number },
  ): Promise<MilestoneTemplateRow> {
    requireOrganization(organizationId);
    const [row] = await sql.query<MilestoneTemplateRow>(
      `INSERT INTO milestone_templates (organization_id, key, phase, title, description, required, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, key, phase, title, description, required, position, retired_at`,
      [organizationId, m.key, m.phase, m.title, m.description, m.required, m.position],
    );
    return row;
  }

  async updateMilestoneTemplate(
    sql: Sql,
    organizationId: string,
    id: string,
    m: { title?: string; description?: string; required?: boolean; position?: number; retired?: boolean },
  ): Promise<MilestoneTemplateRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await sql.query<MilestoneTemplateRow>(
      `UPDATE milestone_templates SET
          title = COALESCE($3, title), description = COALESCE($4, description), required = COALESCE($5, required),
          position = COALESCE($6, position),
          retired_at = CASE WHEN $7::boolean IS NULL THEN retired_at WHEN $7 THEN COALESCE(retired_at, now()) ELSE NULL END,
          updated_at = now()
        WHERE organization_id = $1 AND id = $2
        RETURNING id, key, phase, title, description, required, position, retired_at`,
      [
        organizationId,
        id,
        m.title ?? null,
        m.description ?? null,
        m.required ?? null,
        m.position ?? null,
        m.retired ?? null,
      ],
    );
    return row;
  }

  async nextPosition(
    sql: Sql,
    organizationId: string,
    table: 'competencies' | 'milestone_templates',
    phase?: Phase,
  ): Promise<number> {
    requireOrganization(organizationId);
    const [row] = await sql.query<{ next: number }>(
      `SELECT COALESCE(max(position), 0)::int + 1 AS next FROM ${table}
        WHERE organization_id = $1 ${table === 'milestone_templates' ? 'AND phase = $2' : ''}`,
      table === 'milestone_templates' ? [organizationId, phase] : [organizationId],
    );
    return row.next;
  }

  async updateSettings(
    sql: Sql,
    organizationId: string,
    s: {
      weights?: { milestones: number; competencies: number; goals: number };
      staleFeedbackDays?: number;
      ledFeedbackThreshold?: number;
      ledVoiceWeight?: number;
      timeZone?: string;
    },
  ): Promise<SettingsRow> {
    requireOrganization(organizationId);
    const [row] = await sql.query<SettingsRow>(
      `INSERT INTO organization_settings AS s
         (organization_id, weight_milestones, weight_competencies, weight_goals, stale_feedback_days, led_feedback_threshold,
          led_voice_weight, time_zone)
       VALUES ($1, COALESCE($2, ${D.weightMilestones}), COALESCE($3, ${D.weightCompetencies}), COALESCE($4, ${D.weightGoals}),
               COALESCE($5, ${D.staleFeedbackDays}), COALESCE($6, ${D.ledFeedbackThreshold}), COALESCE($7::numeric, ${D.ledVoiceWeight}),
               COALESCE($8::varchar, 'UTC'))
       ON CONFLICT (organization_id) DO UPDATE SET
         weight_milestones = COALESCE($2, s.weight_milestones),
         weight_competencies = COALESCE($3, s.weight_competencies),
         weight_goals = COALESCE($4, s.weight_goals),
         stale_feedback_days = COALESCE($5, s.stale_feedback_days),
         led_feedback_threshold = COALESCE($6, s.led_feedback_threshold),
         led_voice_weight = COALESCE($7::numeric, s.led_voice_weight),
         time_zone = COALESCE($8::varchar, s.time_zone),
         updated_at = now()
       RETURNING weight_milestones, weight_competencies, weight_goals, stale_feedback_days, led_feedback_threshold,
                 led_voice_weight, time_zone`,
      [
        organizationId,
        s.weights?.milestones ?? null,
        s.weights?.competencies ?? null,
        s.weights?.goals ?? null,
        s.staleFeedbackDays ?? null,
        s.ledFeedbackThreshold ?? null,
        s.ledVoiceWeight ?? null,
        s.timeZone ?? null,
      ],
    );
    return row;
  }
}
