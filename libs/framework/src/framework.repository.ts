import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { Phase } from '@leadpath/mentees';
import { type DB, qb } from '@leadpath/platform/database';
import { DEFAULT_SETTINGS, PHASES } from '@leadpath/platform/domain';
import type { CompetencyCategory } from './entities/competency.entity';
import type { PlannedCompetency, PlannedTemplate } from './import/framework-document';

const D = DEFAULT_SETTINGS;

const competencyColumns = [
  'id',
  'key',
  'name',
  'description',
  'category',
  'position',
  'retired_at',
] as const satisfies (keyof DB['competencies'])[];
const templateColumns = [
  'id',
  'key',
  'phase',
  'title',
  'description',
  'required',
  'position',
  'retired_at',
] as const satisfies (keyof DB['milestone_templates'])[];
const settingsColumns = [
  'weight_milestones',
  'weight_competencies',
  'weight_goals',
  'stale_feedback_days',
  'led_feedback_threshold',
  'led_voice_weight',
  'feedback_requests_per_day',
  'time_zone',
  'min_group_size',
  'use_calibrated_means',
] as const satisfies (keyof DB['organization_settings'])[];

/** A competency's category holds only CompetencyCategory values (CHECK constraint). */
export type CompetencyRow = Omit<
  Pick<Selectable<DB['competencies']>, (typeof competencyColumns)[number]>,
  'category'
> & {
  category: CompetencyCategory;
};

/** A milestone template's phase is one of PHASES (CHECK constraint). */
export type MilestoneTemplateRow = Omit<
  Pick<Selectable<DB['milestone_templates']>, (typeof templateColumns)[number]>,
  'phase'
> & { phase: Phase };

export type SettingsRow = Pick<Selectable<DB['organization_settings']>, (typeof settingsColumns)[number]>;

/** `retired_at` after a change: kept when `retired` is not given, set once when true, cleared when false. */
const retiredAt = (retired: boolean | undefined) =>
  retired === undefined ? undefined : retired ? sql<Date>`COALESCE(retired_at, now())` : null;

function requireOrganization(organizationId: string): void {
  if (!organizationId) throw new Error('framework repository called without an organization id');
}

@Injectable()
export class FrameworkRepository {
  /** Gives an organization the default framework; idempotent (see the migration that defines it). */
  async seed(organizationId: string): Promise<void> {
    requireOrganization(organizationId);
    await sql`SELECT leadpath_seed_framework(${organizationId})`.execute(qb);
  }

  async competencies(organizationId: string, includeRetired: boolean): Promise<CompetencyRow[]> {
    requireOrganization(organizationId);
    return qb
      .selectFrom('competencies')
      .select(competencyColumns)
      .where('organization_id', '=', organizationId)
      .$if(!includeRetired, (q) => q.where('retired_at', 'is', null))
      .orderBy('position')
      .orderBy('key')
      .$narrowType<{ category: CompetencyCategory }>()
      .execute();
  }

  async milestoneTemplates(
    organizationId: string,
    includeRetired: boolean,
    phase?: Phase,
  ): Promise<MilestoneTemplateRow[]> {
    requireOrganization(organizationId);
    return qb
      .selectFrom('milestone_templates')
      .select(templateColumns)
      .where('organization_id', '=', organizationId)
      .$if(!includeRetired, (q) => q.where('retired_at', 'is', null))
      .$if(phase !== undefined, (q) => q.where('phase', '=', phase!))
      .orderBy(sql`array_position(${[...PHASES]}::varchar[], phase)`)
      .orderBy('position')
      .orderBy('key')
      .$narrowType<{ phase: Phase }>()
      .execute();
  }

  async settings(organizationId: string): Promise<SettingsRow> {
    requireOrganization(organizationId);
    const row = await qb
      .selectFrom('organization_settings')
      .select(settingsColumns)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
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
        min_group_size: D.minGroupSize,
        use_calibrated_means: D.useCalibratedMeans,
      }
    );
  }

  /** The keys of `keys` that name no active competency of the organization. */
  async unknownCompetencies(organizationId: string, keys: string[]): Promise<string[]> {
    requireOrganization(organizationId);
    if (keys.length === 0) return [];
    const { rows } = await sql<{ key: string }>`SELECT k AS key FROM unnest(${keys}::varchar[]) AS k
        WHERE NOT EXISTS (SELECT 1 FROM competencies c
                           WHERE c.organization_id = ${organizationId} AND c.key = k AND c.retired_at IS NULL)`.execute(
      qb,
    );
    return rows.map((r) => r.key);
  }

  async insertCompetency(
    organizationId: string,
    c: { key: string; name: string; description: string; category: CompetencyCategory; position: number },
  ): Promise<CompetencyRow> {
    requireOrganization(organizationId);
    return qb
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
      .$narrowType<{ category: CompetencyCategory }>()
      .executeTakeFirstOrThrow();
  }

  /** Changes the fields given (the others stay as they are). */
  async updateCompetency(
    organizationId: string,
    id: string,
    c: { name?: string; description?: string; category?: CompetencyCategory; position?: number; retired?: boolean },
  ): Promise<CompetencyRow | undefined> {
    requireOrganization(organizationId);
    return qb
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
      .$narrowType<{ category: CompetencyCategory }>()
      .executeTakeFirst();
  }

  async insertMilestoneTemplate(
    organizationId: string,
    m: { key: string; phase: Phase; title: string; description: string; required: boolean; position: number },
  ): Promise<MilestoneTemplateRow> {
    requireOrganization(organizationId);
    return qb
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
      .$narrowType<{ phase: Phase }>()
      .executeTakeFirstOrThrow();
  }

  /** Changes the fields given (the others stay as they are). */
  async updateMilestoneTemplate(
    organizationId: string,
    id: string,
    m: { title?: string; description?: string; required?: boolean; position?: number; retired?: boolean },
  ): Promise<MilestoneTemplateRow | undefined> {
    requireOrganization(organizationId);
    return qb
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
      .$narrowType<{ phase: Phase }>()
      .executeTakeFirst();
  }

  async nextPosition(
    organizationId: string,
    table: 'competencies' | 'milestone_templates',
    phase?: Phase,
  ): Promise<number> {
    requireOrganization(organizationId);
    const { next } = await qb
      .selectFrom(table)
      .select(sql<number>`COALESCE(max(position), 0)::int + 1`.as('next'))
      .where('organization_id', '=', organizationId)
      .$if(table === 'milestone_templates', (q) => q.where(sql<boolean>`phase = ${phase ?? null}`))
      .executeTakeFirstOrThrow();
    return next;
  }

  /** Sets the settings given; an organization's first change starts from the defaults. */
  async updateSettings(
    organizationId: string,
    s: {
      weights?: { milestones: number; competencies: number; goals: number };
      staleFeedbackDays?: number;
      ledFeedbackThreshold?: number;
      ledVoiceWeight?: number;
      feedbackRequestsPerDay?: number;
      timeZone?: string;
      minGroupSize?: number;
      useCalibratedMeans?: boolean;
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
      min_group_size: s.minGroupSize,
      use_calibrated_means: s.useCalibratedMeans,
    };
    return qb
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
        min_group_size: change.min_group_size ?? D.minGroupSize,
        use_calibrated_means: change.use_calibrated_means ?? D.useCalibratedMeans,
      })
      .onConflict((conflict) => conflict.column('organization_id').doUpdateSet({ ...change, updated_at: sql`now()` }))
      .returning(settingsColumns)
      .executeTakeFirstOrThrow();
  }
  /** Serializes framework imports of one organization until the transaction ends. */
  async lockFramework(organizationId: string): Promise<void> {
    requireOrganization(organizationId);
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`framework:${organizationId}`}, 0))`.execute(qb);
  }

  async insertImport(
    organizationId: string,
    i: { format: string; plan: unknown; preview: unknown; fingerprint: string; createdBy: string },
  ): Promise<{ id: string }> {
    requireOrganization(organizationId);
    return qb
      .insertInto('framework_imports')
      .values({
        organization_id: organizationId,
        format: i.format,
        plan: JSON.stringify(i.plan),
        preview: JSON.stringify(i.preview),
        fingerprint: i.fingerprint,
        created_by: i.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  /** The import, locked for the apply that reads it. */
  async importForApply(
    organizationId: string,
    id: string,
  ): Promise<
    { id: string; plan: unknown; preview: unknown; fingerprint: string; applied_at: Date | null } | undefined
  > {
    requireOrganization(organizationId);
    return qb
      .selectFrom('framework_imports')
      .select(['id', 'plan', 'preview', 'fingerprint', 'applied_at'])
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  async markImportApplied(organizationId: string, id: string): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable('framework_imports')
      .set({ applied_at: sql`now()`, updated_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .execute();
  }

  /** Inserts the competencies, or brings a stored one (retired or not) to these fields; unchanged rows are not written. */
  async upsertCompetencies(organizationId: string, items: PlannedCompetency[]): Promise<void> {
    requireOrganization(organizationId);
    if (items.length === 0) return;
    await qb
      .insertInto('competencies')
      .values(items.map((c) => ({ organization_id: organizationId, ...c })))
      .onConflict((oc) =>
        oc
          .columns(['organization_id', 'key'])
          .doUpdateSet({
            name: sql`excluded.name`,
            description: sql`excluded.description`,
            category: sql`excluded.category`,
            position: sql`excluded.position`,
            retired_at: null,
            updated_at: sql`now()`,
          })
          .where(
            sql<boolean>`(competencies.name, competencies.description, competencies.category, competencies.position, competencies.retired_at IS NULL)
              IS DISTINCT FROM (excluded.name, excluded.description, excluded.category, excluded.position, true)`,
          ),
      )
      .execute();
  }

  /** As upsertCompetencies, for milestone templates. */
  async upsertMilestoneTemplates(organizationId: string, items: PlannedTemplate[]): Promise<void> {
    requireOrganization(organizationId);
    if (items.length === 0) return;
    await qb
      .insertInto('milestone_templates')
      .values(items.map((m) => ({ organization_id: organizationId, ...m })))
      .onConflict((oc) =>
        oc
          .columns(['organization_id', 'key'])
          .doUpdateSet({
            phase: sql`excluded.phase`,
            title: sql`excluded.title`,
            description: sql`excluded.description`,
            required: sql`excluded.required`,
            position: sql`excluded.position`,
            retired_at: null,
            updated_at: sql`now()`,
          })
          .where(
            sql<boolean>`(milestone_templates.phase, milestone_templates.title, milestone_templates.description, milestone_templates.required, milestone_templates.position, milestone_templates.retired_at IS NULL)
              IS DISTINCT FROM (excluded.phase, excluded.title, excluded.description, excluded.required, excluded.position, true)`,
          ),
      )
      .execute();
  }

  /** Retires every active row of `table` whose key is not in `keep`; nothing is deleted. */
  async retireAllBut(
    organizationId: string,
    table: 'competencies' | 'milestone_templates',
    keep: string[],
  ): Promise<void> {
    requireOrganization(organizationId);
    await qb
      .updateTable(table)
      .set({ retired_at: sql`now()`, updated_at: sql`now()` })
      .where('organization_id', '=', organizationId)
      .where('retired_at', 'is', null)
      .where(sql<boolean>`key <> ALL(${keep}::varchar[])`)
      .execute();
  }
}
