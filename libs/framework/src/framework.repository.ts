import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Phase } from '@leadpath/mentees';
import { Database, DEFAULT_SETTINGS, PHASES, qb, run, runSql, type Sql } from '@leadpath/platform';
import type { CompetencyCategory } from './entities/competency.entity';

const D = DEFAULT_SETTINGS;

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
  feedback_requests_per_day: number;
  time_zone: string;
}

const competencyColumns = ['id', 'key', 'name', 'description', 'category', 'position', 'retired_at'] as const;
const templateColumns = ['id', 'key', 'phase', 'title', 'description', 'required', 'position', 'retired_at'] as const;
const settingsColumns = [
  'weight_milestones',
  'weight_competencies',
  'weight_goals',
  'stale_feedback_days',
  'led_feedback_threshold',
  'led_voice_weight',
  'feedback_requests_per_day',
  'time_zone',
] as const;

/** `retired_at` after a change: kept when `retired` is not given, set once when true, cleared when false. */
const retiredAt = (retired: boolean | undefined) =>
  retired === undefined ? undefined : retired ? sql<Date>`COALESCE(retired_at, now())` : null;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('framework repository called without an organization id');
}

@Injectable()
export class FrameworkRepository {
  constructor(private readonly db: Database) {}

  /** Gives an organization the default framework; idempotent (see the migration that defines it). */
  async seed(db: Sql, organizationId: string): Promise<void> {
    requireOrganization(organizationId);
    await runSql(db, sql`SELECT leadpath_seed_framework(${organizationId})`);
  }

  async competencies(organizationId: string, includeRetired: boolean, db: Sql = this.db): Promise<CompetencyRow[]> {
    requireOrganization(organizationId);
    return run(
      db,
      qb
        .selectFrom('competencies')
        .select(competencyColumns)
        .where('organization_id', '=', organizationId)
        .$if(!includeRetired, (q) => q.where('retired_at', 'is', null))
        .orderBy('position')
        .orderBy('key')
        .$narrowType<{ category: CompetencyCategory }>(),
    );
  }

  async milestoneTemplates(
    organizationId: string,
    includeRetired: boolean,
    phase?: Phase,
    db: Sql = this.db,
  ): Promise<MilestoneTemplateRow[]> {
    requireOrganization(organizationId);
    return run(
      db,
      qb
        .selectFrom('milestone_templates')
        .select(templateColumns)
        .where('organization_id', '=', organizationId)
        .$if(!includeRetired, (q) => q.where('retired_at', 'is', null))
        .$if(phase !== undefined, (q) => q.where('phase', '=', phase!))
        .orderBy(sql`array_position(${[...PHASES]}::varchar[], phase)`)
        .orderBy('position')
        .orderBy('key')
        .$narrowType<{ phase: Phase }>(),
    );
  }

  async settings(organizationId: string, db: Sql = this.db): Promise<SettingsRow> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb.selectFrom('organization_settings').select(settingsColumns).where('organization_id', '=', organizationId),
    );
    return (
      row ?? {
        weight_milestones: String(D.weightMilestones),
        weight_competencies: String(D.weightCompetencies),
        weight_goals: String(D.weightGoals),
        stale_feedback_days: D.staleFeedbackDays,
        led_feedback_threshold: D.ledFeedbackThreshold,
        led_voice_weight: String(D.ledVoiceWeight),
        feedback_requests_per_day: D.feedbackRequestsPerDay,
        time_zone: 'UTC',
      }
    );
  }

  /** The keys of `keys` that name no active competency of the organization. */
  async unknownCompetencies(organizationId: string, keys: string[], db: Sql = this.db): Promise<string[]> {
    requireOrganization(organizationId);
    if (keys.length === 0) return [];
    const rows = await runSql(
      db,
      sql<{ key: string }>`SELECT k AS key FROM unnest(${keys}::varchar[]) AS k
        WHERE NOT EXISTS (SELECT 1 FROM competencies c
                           WHERE c.organization_id = ${organizationId} AND c.key = k AND c.retired_at IS NULL)`,
    );
    return rows.map((r) => r.key);
  }

  async insertCompetency(
    db: Sql,
    organizationId: string,
    c: { key: string; name: string; description: string; category: CompetencyCategory; position: number },
  ): Promise<CompetencyRow> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb
        .insertInto('competencies')
        .values({
          organization_id: organizationId,
          key: c.key,
          name: c.name,
          description: c.description,
          category: c.category,
          position: c.position,
        })
        .returning(competencyColumns)
        .$narrowType<{ category: CompetencyCategory }>(),
    );
    return row;
  }

  /** Changes the fields given (the others stay as they are). */
  async updateCompetency(
    db: Sql,
    organizationId: string,
    id: string,
    c: { name?: string; description?: string; category?: CompetencyCategory; position?: number; retired?: boolean },
  ): Promise<CompetencyRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb
        .updateTable('competencies')
        .set({
          name: c.name,
          description: c.description,
          category: c.category,
          position: c.position,
          retired_at: retiredAt(c.retired),
          updated_at: sql`now()`,
        })
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .returning(competencyColumns)
        .$narrowType<{ category: CompetencyCategory }>(),
    );
    return row;
  }

  async insertMilestoneTemplate(
    db: Sql,
    organizationId: string,
    m: { key: string; phase: Phase; title: string; description: string; required: boolean; position: number },
  ): Promise<MilestoneTemplateRow> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb
        .insertInto('milestone_templates')
        .values({
          organization_id: organizationId,
          key: m.key,
          phase: m.phase,
          title: m.title,
          description: m.description,
          required: m.required,
          position: m.position,
        })
        .returning(templateColumns)
        .$narrowType<{ phase: Phase }>(),
    );
    return row;
  }

  /** Changes the fields given (the others stay as they are). */
  async updateMilestoneTemplate(
    db: Sql,
    organizationId: string,
    id: string,
    m: { title?: string; description?: string; required?: boolean; position?: number; retired?: boolean },
  ): Promise<MilestoneTemplateRow | undefined> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb
        .updateTable('milestone_templates')
        .set({
          title: m.title,
          description: m.description,
          required: m.required,
          position: m.position,
          retired_at: retiredAt(m.retired),
          updated_at: sql`now()`,
        })
        .where('organization_id', '=', organizationId)
        .where('id', '=', id)
        .returning(templateColumns)
        .$narrowType<{ phase: Phase }>(),
    );
    return row;
  }

  async nextPosition(
    db: Sql,
    organizationId: string,
    table: 'competencies' | 'milestone_templates',
    phase?: Phase,
  ): Promise<number> {
    requireOrganization(organizationId);
    const [row] = await run(
      db,
      qb
        .selectFrom(table)
        .select(sql<number>`COALESCE(max(position), 0)::int + 1`.as('next'))
        .where('organization_id', '=', organizationId)
        .$if(table === 'milestone_templates', (q) => q.where(sql<boolean>`phase = ${phase ?? null}`)),
    );
    return row.next;
  }

  /** Sets the settings given; an organization's first change starts from the defaults. */
  async updateSettings(
    db: Sql,
    organizationId: string,
    s: {
      weights?: { milestones: number; competencies: number; goals: number };
      staleFeedbackDays?: number;
      ledFeedbackThreshold?: number;
      ledVoiceWeight?: number;
      feedbackRequestsPerDay?: number;
      timeZone?: string;
    },
  ): Promise<SettingsRow> {
    requireOrganization(organizationId);
    const change = {
      weight_milestones: s.weights && String(s.weights.milestones),
      weight_competencies: s.weights && String(s.weights.competencies),
      weight_goals: s.weights && String(s.weights.goals),
      stale_feedback_days: s.staleFeedbackDays,
      led_feedback_threshold: s.ledFeedbackThreshold,
      led_voice_weight: s.ledVoiceWeight === undefined ? undefined : String(s.ledVoiceWeight),
      feedback_requests_per_day: s.feedbackRequestsPerDay,
      time_zone: s.timeZone,
    };
    const [row] = await run(
      db,
      qb
        .insertInto('organization_settings')
        .values({
          organization_id: organizationId,
          weight_milestones: change.weight_milestones ?? String(D.weightMilestones),
          weight_competencies: change.weight_competencies ?? String(D.weightCompetencies),
          weight_goals: change.weight_goals ?? String(D.weightGoals),
          stale_feedback_days: change.stale_feedback_days ?? D.staleFeedbackDays,
          led_feedback_threshold: change.led_feedback_threshold ?? D.ledFeedbackThreshold,
          led_voice_weight: change.led_voice_weight ?? String(D.ledVoiceWeight),
          feedback_requests_per_day: change.feedback_requests_per_day ?? D.feedbackRequestsPerDay,
          time_zone: change.time_zone ?? 'UTC',
        })
        .onConflict((conflict) => conflict.column('organization_id').doUpdateSet({ ...change, updated_at: sql`now()` }))
        .returning(settingsColumns),
    );
    return row;
  }
}
