import { parseDocument, stringify } from 'yaml';
import { PHASES, type Phase } from '@leadpath/platform/domain';
import { COMPETENCY_CATEGORIES, type CompetencyCategory } from '../entities/competency.entity';

/**
 * The two formats a career ladder arrives in, and the framework they describe.
 *
 * - A Leadpath framework document: what `GET /framework/export` writes (JSON or YAML), keys and
 *   all, so export → import → export gives the same bytes.
 * - The open progression-framework format: Markdown whose YAML front matter holds `levels: N` and
 *   `topics: [{ name, title, content: [{ level, criteria, exampleCriteria }] }]`. Topics become
 *   competencies, criteria milestone templates of the phase each level maps to.
 *
 * Everything here is pure: parsing, checking and planning. What a plan changes is decided
 * against the stored framework by `diffFramework`.
 */

export const DOCUMENT_FORMAT = 'leadpath-framework';
export const DOCUMENT_VERSION = 1;
export const IMPORT_FORMATS = ['leadpath', 'progression'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const COMPETENCY_KEY = /^[a-z][a-z0-9_]{1,47}$/;
export const MILESTONE_KEY = /^[a-z][a-z0-9_]{1,63}$/;
export const LIMITS = {
  competencyName: 100,
  competencyDescription: 1000,
  templateTitle: 200,
  templateDescription: 8000,
  position: 10000,
  levels: 100,
  topics: 500,
  templates: 5000,
} as const;

export interface PlannedCompetency {
  key: string;
  name: string;
  description: string;
  category: CompetencyCategory;
  position: number;
}

export interface PlannedTemplate {
  key: string;
  phase: Phase;
  title: string;
  description: string;
  required: boolean;
  position: number;
}

/** The framework a file describes: every active competency and milestone template, nothing else. */
export interface FrameworkPlan {
  competencies: PlannedCompetency[];
  milestoneTemplates: PlannedTemplate[];
}

/** The Leadpath framework document, as exported. */
export interface FrameworkDocument extends FrameworkPlan {
  format: typeof DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
}

export interface ImportProblem {
  path: string;
  message: string;
}

/** The file cannot be read as a whole: nothing to preview. */
export class UnreadableFramework extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableFramework';
  }
}

export type LevelPhases = Record<string, Phase>;

export interface ParsedImport {
  format: ImportFormat;
  plan: FrameworkPlan;
  /** Only for progression files: level → phase as used. */
  levelPhases: LevelPhases | null;
  errors: ImportProblem[];
}

// ---------------------------------------------------------------------------------------------
// Export

/** The document of a framework: competencies and templates in their display order. */
export function toDocument(plan: FrameworkPlan): FrameworkDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    competencies: plan.competencies.map((c) => ({
      key: c.key,
      name: c.name,
      description: c.description,
      category: c.category,
      position: c.position,
    })),
    milestoneTemplates: plan.milestoneTemplates.map((m) => ({
      key: m.key,
      phase: m.phase,
      title: m.title,
      description: m.description,
      required: m.required,
      position: m.position,
    })),
  };
}

export function documentAsJson(doc: FrameworkDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function documentAsYaml(doc: FrameworkDocument): string {
  // lineWidth 0: never fold long text, so the text reads back exactly.
  return stringify(doc, { lineWidth: 0 });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Text as the parsers want it: no byte-order mark, `\n` line ends (files written on Windows). */
export function normalizeText(content: string): string {
  return content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The YAML between a leading `---` line and the next `---` (or `...`) line, or null. */
export function frontMatter(text: string): string | null {
  const match = /^---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  return match ? (match[1] ?? '') : null;
}

function parseYaml(text: string, path: string): unknown {
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch {
    // The parser's own limits (nesting too deep for the stack): not YAML this import reads.
    throw new UnreadableFramework(path, `${path} is not YAML this import can read`);
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first.linePos?.[0]?.line;
    throw new UnreadableFramework(
      path,
      `${path} is not valid YAML${line ? ` (line ${line})` : ''}: ${first.message.split('\n')[0]}`,
    );
  }
  try {
    // Aliases are expanded with yaml's own limit on how many, so a small file cannot grow huge.
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UnreadableFramework(path, `${path} cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `content` in the given format, or the one it looks like: Markdown with front matter that
 * holds `topics` is a progression file; JSON or YAML whose `format` is `leadpath-framework` is a
 * Leadpath document.
 */
export function readImport(
  content: string,
  options: { format?: ImportFormat; levelPhases?: Record<string, unknown> } = {},
): ParsedImport {
  const text = normalizeText(content);
  if (text.trim() === '') throw new UnreadableFramework('content', 'content is empty');
  let format = options.format;
  let data: unknown;
  const fm = frontMatter(text);
  if (fm !== null && format !== 'leadpath') {
    data = parseYaml(fm, 'front matter');
    if (format === undefined && isRecord(data) && data.format === DOCUMENT_FORMAT) format = 'leadpath';
  } else if (fm === null && format === 'progression') {
    throw new UnreadableFramework(
      'front matter',
      'a progression-framework file starts with YAML front matter between two --- lines',
    );
  } else {
    data = text.trimStart().startsWith('{') ? parseJson(text) : parseYaml(text, 'content');
  }
  if (!isRecord(data)) {
    throw new UnreadableFramework(fm !== null ? 'front matter' : 'content', 'expected a mapping of fields');
  }
  if (format === undefined) {
    if (data.format === DOCUMENT_FORMAT) format = 'leadpath';
    else if ('topics' in data || 'levels' in data) format = 'progression';
    else {
      throw new UnreadableFramework(
        'content',
        `neither a Leadpath framework document (format: ${DOCUMENT_FORMAT}) nor a progression-framework file (levels and topics)`,
      );
    }
  }
  return format === 'leadpath'
    ? { format, ...readDocument(data), levelPhases: null }
    : { format, ...readProgression(data, options.levelPhases) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UnreadableFramework('content', `content is not valid JSON: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Text rules

/** Characters that never belong in a name: controls, and format characters except the emoji joiner. */
const FORBIDDEN = /[\p{Cc}\p{Zl}\p{Zp}]|(?!\u200D)\p{Cf}/gu;
const FORBIDDEN_FREE = /(?![\n\t])[\p{Cc}]|(?!\u200D)\p{Cf}/gu;

/** One line of printable text: whitespace runs become one space, forbidden characters go. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(FORBIDDEN, '').trim();
}

export function freeText(text: string): string {
  return text.replace(FORBIDDEN_FREE, '').trim();
}

/** At most `max` characters, cut on a code point (never half an emoji) and marked with an ellipsis. */
export function shorten(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max && text.length <= max) return text;
  let out = '';
  for (const p of points) {
    if (out.length + p.length > max - 1) break;
    out += p;
  }
  return `${out.trimEnd()}…`;
}

/** lower_snake_case of a topic name: what keys the competency it becomes. */
export function keyOf(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  // A name of only emoji or other scripts has no Latin letters to key by: its place does.
  if (slug === '') return fallback;
  const key = /^[a-z]/.test(slug) ? slug : `topic_${slug}`;
  return key.slice(0, 48).replace(/_+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Leadpath document

function readDocument(data: Record<string, unknown>): { plan: FrameworkPlan; errors: ImportProblem[] } {
  if (data.format !== DOCUMENT_FORMAT) {
    throw new UnreadableFramework('format', `format must be ${DOCUMENT_FORMAT}`);
  }
  if (data.version !== DOCUMENT_VERSION) {
    throw new UnreadableFramework('version', `version must be ${DOCUMENT_VERSION}`);
  }
  for (const field of ['competencies', 'milestoneTemplates'] as const) {
    if (!Array.isArray(data[field])) throw new UnreadableFramework(field, `${field} must be a list`);
  }
  const errors: ImportProblem[] = [];
  const problem = (path: string, message: string) =>
    errors.push({ path: path.slice(0, 1000), message: message.slice(0, 2000) });
  const competencies: PlannedCompetency[] = [];
  const competencyKeys = new Map<string, number>();
  (data.competencies as unknown[]).forEach((item, i) => {
    const at = `competencies[${i}]`;
    if (!isRecord(item)) return problem(at, 'must be a mapping');
    const c = {
      key: item.key,
      name: item.name,
      description: item.description ?? '',
      category: item.category ?? 'core',
      position: item.position ?? i + 1,
    };
    if (typeof c.key !== 'string' || !COMPETENCY_KEY.test(c.key)) {
      return problem(`${at}.key`, 'must be lower_snake_case, 2–48 characters, starting with a letter');
    }
    if (competencyKeys.has(c.key)) {
      return problem(`${at}.key`, `duplicate key ${c.key} (also competencies[${competencyKeys.get(c.key)}])`);
    }
    competencyKeys.set(c.key, i);
    if (!validName(c.name, LIMITS.competencyName)) {
      return problem(`${at}.name`, `must be one line of 1–${LIMITS.competencyName} printable characters`);
    }
    if (!validText(c.description, LIMITS.competencyDescription)) {
      return problem(`${at}.description`, `must be text of at most ${LIMITS.competencyDescription} characters`);
    }
    if (!(COMPETENCY_CATEGORIES as readonly unknown[]).includes(c.category)) {
      return problem(`${at}.category`, `must be one of ${COMPETENCY_CATEGORIES.join(', ')}`);
    }
    if (!validPosition(c.position)) return problem(`${at}.position`, 'must be a whole number from 0 to 10000');
    competencies.push(c as PlannedCompetency);
  });
  const templates: PlannedTemplate[] = [];
  const templateKeys = new Map<string, number>();
  (data.milestoneTemplates as unknown[]).forEach((item, i) => {
    const at = `milestoneTemplates[${i}]`;
    if (!isRecord(item)) return problem(at, 'must be a mapping');
    const m = {
      key: item.key,
      phase: item.phase,
      title: item.title,
      description: item.description ?? '',
      required: item.required ?? true,
      position: item.position ?? i + 1,
    };
    if (typeof m.key !== 'string' || !MILESTONE_KEY.test(m.key)) {
      return problem(`${at}.key`, 'must be lower_snake_case, 2–64 characters, starting with a letter');
    }
    if (templateKeys.has(m.key)) {
      return problem(`${at}.key`, `duplicate key ${m.key} (also milestoneTemplates[${templateKeys.get(m.key)}])`);
    }
    templateKeys.set(m.key, i);
    if (!(PHASES as readonly unknown[]).includes(m.phase)) {
      return problem(`${at}.phase`, `must be one of ${PHASES.join(', ')}`);
    }
    if (!validName(m.title, LIMITS.templateTitle)) {
      return problem(`${at}.title`, `must be one line of 1–${LIMITS.templateTitle} printable characters`);
    }
    if (!validText(m.description, LIMITS.templateDescription)) {
      return problem(`${at}.description`, `must be text of at most ${LIMITS.templateDescription} characters`);
    }
    if (typeof m.required !== 'boolean') return problem(`${at}.required`, 'must be true or false');
    if (!validPosition(m.position)) return problem(`${at}.position`, 'must be a whole number from 0 to 10000');
    templates.push(m as PlannedTemplate);
  });
  return { plan: { competencies, milestoneTemplates: templates }, errors };
}

const validName = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length >= 1 && v.length <= max && oneLine(v) === v;
const validText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length <= max && freeText(v) === v;
const validPosition = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= LIMITS.position;

// ---------------------------------------------------------------------------------------------
// Progression framework

/** Levels spread evenly over the four phases, in order: level l of n goes to phase ⌊(l−1)·4/n⌋. */
export function defaultLevelPhases(levels: number): LevelPhases {
  const out: LevelPhases = {};
  for (let level = 1; level <= levels; level++) {
    out[String(level)] = PHASES[Math.floor(((level - 1) * PHASES.length) / levels)];
  }
  return out;
}

function readProgression(
  data: Record<string, unknown>,
  requested: Record<string, unknown> | undefined,
): { plan: FrameworkPlan; levelPhases: LevelPhases; errors: ImportProblem[] } {
  const levels = data.levels;
  if (typeof levels !== 'number' || !Number.isInteger(levels) || levels < 1 || levels > LIMITS.levels) {
    throw new UnreadableFramework('front matter.levels', `levels must be a whole number from 1 to ${LIMITS.levels}`);
  }
  if (!Array.isArray(data.topics) || data.topics.length === 0) {
    throw new UnreadableFramework('front matter.topics', 'topics must be a non-empty list');
  }
  if (data.topics.length > LIMITS.topics) {
    throw new UnreadableFramework('front matter.topics', `at most ${LIMITS.topics} topics`);
  }
  const levelPhases = defaultLevelPhases(levels);
  for (const [level, phase] of Object.entries(requested ?? {})) {
    const n = Number(level);
    if (!Number.isInteger(n) || n < 1 || n > levels) {
      throw new UnreadableFramework(`levelPhases.${level}`, `levels run from 1 to ${levels}`);
    }
    if (!(PHASES as readonly unknown[]).includes(phase)) {
      throw new UnreadableFramework(`levelPhases.${level}`, `must be one of ${PHASES.join(', ')}`);
    }
    levelPhases[String(n)] = phase as Phase;
  }

  const errors: ImportProblem[] = [];
  const problem = (path: string, message: string) =>
    errors.push({ path: path.slice(0, 1000), message: message.slice(0, 2000) });
  const competencies: PlannedCompetency[] = [];
  const templates: PlannedTemplate[] = [];
  const positions = new Map<Phase, number>();
  const nextPosition = (phase: Phase) => {
    const p = (positions.get(phase) ?? 0) + 1;
    positions.set(phase, p);
    return p;
  };
  const seen = new Map<string, number>();
  (data.topics as unknown[]).forEach((topic, t) => {
    const at = `topics[${t}]`;
    if (!isRecord(topic)) return problem(at, 'must be a mapping with name, title and content');
    if (typeof topic.name !== 'string' || oneLine(topic.name) === '') {
      return problem(`${at}.name`, 'must be a non-empty text');
    }
    const key = keyOf(topic.name, `topic_${t + 1}`);
    if (!COMPETENCY_KEY.test(key)) return problem(`${at}.name`, 'needs at least two letters or digits to make a key');
    if (seen.has(key)) {
      return problem(`${at}.name`, `duplicate topic name ${topic.name} (also topics[${seen.get(key)}])`);
    }
    seen.set(key, t);
    const titleSource = topic.title ?? topic.name;
    if (typeof titleSource !== 'string' || oneLine(titleSource) === '') {
      return problem(`${at}.title`, 'must be a non-empty text');
    }
    competencies.push({
      key,
      name: shorten(oneLine(titleSource), LIMITS.competencyName),
      description: '',
      category: 'core',
      position: competencies.length + 1,
    });
    const content = topic.content ?? [];
    if (!Array.isArray(content)) return problem(`${at}.content`, 'must be a list');
    // A level may come in several entries: criteria are numbered per topic and level, in order.
    const counted = new Map<string, number>();
    const nth = (level: number, kind: '' | 'x') => {
      const n = (counted.get(`${kind}${level}`) ?? 0) + 1;
      counted.set(`${kind}${level}`, n);
      return `${key}_l${level}_${kind}${n}`;
    };
    content.forEach((entry, e) => {
      const cat = `${at}.content[${e}]`;
      if (!isRecord(entry)) return problem(cat, 'must be a mapping with level and criteria');
      const level = entry.level;
      if (typeof level !== 'number' || !Number.isInteger(level) || level < 1 || level > levels) {
        return problem(`${cat}.level`, `must be a whole number from 1 to ${levels} (the file's levels)`);
      }
      const phase = levelPhases[String(level)];
      const criteria = entry.criteria ?? [];
      if (!Array.isArray(criteria)) return problem(`${cat}.criteria`, 'must be a list of texts');
      criteria.forEach((criterion, c) => {
        const path = `${cat}.criteria[${c}]`;
        // Numbered before it is checked, so correcting one criterion never renumbers the next.
        const key = nth(level, '');
        if (typeof criterion !== 'string' || oneLine(criterion) === '')
          return problem(path, 'must be a non-empty text');
        const template = criterionTemplate(key, phase, criterion, [], true);
        if (typeof template === 'string') return problem(path, template);
        templates.push({ ...template, position: nextPosition(phase) });
      });
      const examples = entry.exampleCriteria ?? [];
      if (!Array.isArray(examples)) return problem(`${cat}.exampleCriteria`, 'must be a list');
      examples.forEach((example, x) => {
        const path = `${cat}.exampleCriteria[${x}]`;
        const key = nth(level, 'x');
        if (!isRecord(example) || typeof example.criteria !== 'string' || oneLine(example.criteria) === '') {
          return problem(`${path}.criteria`, 'must be a non-empty text');
        }
        const list = example.examples ?? [];
        if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) {
          return problem(`${path}.examples`, 'must be a list of texts');
        }
        const template = criterionTemplate(key, phase, example.criteria, list as string[], false);
        if (typeof template === 'string') return problem(path, template);
        templates.push({ ...template, position: nextPosition(phase) });
      });
    });
  });
  if (templates.length > LIMITS.templates) {
    throw new UnreadableFramework('front matter.topics', `at most ${LIMITS.templates} criteria in all`);
  }
  return { plan: { competencies, milestoneTemplates: templates }, levelPhases, errors };
}

/**
 * A criterion as a milestone template: its first line (shortened) is the title; the whole text,
 * when the title could not hold it, and any examples are the description. Criteria count toward
 * readiness; example criteria illustrate and do not.
 */
function criterionTemplate(
  key: string,
  phase: Phase,
  criterion: string,
  examples: string[],
  required: boolean,
): Omit<PlannedTemplate, 'position'> | string {
  const line = oneLine(criterion);
  const title = shorten(line, LIMITS.templateTitle);
  const parts: string[] = [];
  if (title !== line || freeText(criterion) !== line) parts.push(freeText(criterion));
  const listed = examples.map((s) => oneLine(s)).filter((s) => s !== '');
  if (listed.length > 0) parts.push(['Examples:', ...listed.map((s) => `- ${s}`)].join('\n'));
  const description = parts.join('\n\n');
  if (description.length > LIMITS.templateDescription) {
    return `is longer than ${LIMITS.templateDescription} characters with its examples`;
  }
  return { key, phase, title, description, required };
}

// ---------------------------------------------------------------------------------------------
// What a plan changes

/** A stored competency or template as the diff reads it: its fields and whether it is retired. */
export type StoredCompetency = PlannedCompetency & { retired: boolean };
export type StoredTemplate = PlannedTemplate & { retired: boolean };

export interface NamedCompetency {
  key: string;
  name: string;
}
export interface RenamedCompetency {
  key: string;
  from: string;
  to: string;
}
export interface NamedTemplate {
  key: string;
  phase: Phase;
  title: string;
}

export interface FrameworkChanges {
  competencies: {
    added: NamedCompetency[];
    renamed: RenamedCompetency[];
    changed: NamedCompetency[];
    retired: NamedCompetency[];
    unchanged: NamedCompetency[];
  };
  milestoneTemplates: {
    added: NamedTemplate[];
    changed: NamedTemplate[];
    retired: NamedTemplate[];
    unchanged: NamedTemplate[];
  };
}

/**
 * What applying `plan` to the stored framework does. Items are matched by key: a key the file
 * keeps under another name is renamed, a retired one the file names again is added back, and an
 * active one the file leaves out is retired (never deleted: recorded milestones and ratings
 * keep pointing at it).
 */
export function diffFramework(
  plan: FrameworkPlan,
  stored: { competencies: StoredCompetency[]; milestoneTemplates: StoredTemplate[] },
): FrameworkChanges {
  const out: FrameworkChanges = {
    competencies: { added: [], renamed: [], changed: [], retired: [], unchanged: [] },
    milestoneTemplates: { added: [], changed: [], retired: [], unchanged: [] },
  };
  const competencies = new Map(stored.competencies.map((c) => [c.key, c]));
  const planned = new Set(plan.competencies.map((c) => c.key));
  for (const c of plan.competencies) {
    const now = competencies.get(c.key);
    const named = { key: c.key, name: c.name };
    if (!now || now.retired) out.competencies.added.push(named);
    else if (now.name !== c.name) out.competencies.renamed.push({ key: c.key, from: now.name, to: c.name });
    else if (now.description !== c.description || now.category !== c.category || now.position !== c.position) {
      out.competencies.changed.push(named);
    } else out.competencies.unchanged.push(named);
  }
  for (const c of stored.competencies) {
    if (!c.retired && !planned.has(c.key)) out.competencies.retired.push({ key: c.key, name: c.name });
  }
  const templates = new Map(stored.milestoneTemplates.map((m) => [m.key, m]));
  const plannedTemplates = new Set(plan.milestoneTemplates.map((m) => m.key));
  for (const m of plan.milestoneTemplates) {
    const now = templates.get(m.key);
    const named = { key: m.key, phase: m.phase, title: m.title };
    if (!now || now.retired) out.milestoneTemplates.added.push(named);
    else if (
      now.title !== m.title ||
      now.phase !== m.phase ||
      now.description !== m.description ||
      now.required !== m.required ||
      now.position !== m.position
    ) {
      out.milestoneTemplates.changed.push(named);
    } else out.milestoneTemplates.unchanged.push(named);
  }
  for (const m of stored.milestoneTemplates) {
    if (!m.retired && !plannedTemplates.has(m.key)) {
      out.milestoneTemplates.retired.push({ key: m.key, phase: m.phase, title: m.title });
    }
  }
  return out;
}

/**
 * A progression file says nothing of descriptions or categories: a topic that names a stored
 * competency keeps the description and category HR gave it.
 */
export function keepStoredDetails(plan: FrameworkPlan, stored: StoredCompetency[]): FrameworkPlan {
  const byKey = new Map(stored.map((c) => [c.key, c]));
  return {
    ...plan,
    competencies: plan.competencies.map((c) => {
      const now = byKey.get(c.key);
      return now ? { ...c, description: now.description, category: now.category } : c;
    }),
  };
}

/** The stored framework, in one canonical text: equal texts, equal frameworks. */
export function canonicalFramework(stored: {
  competencies: StoredCompetency[];
  milestoneTemplates: StoredTemplate[];
}): string {
  const byKey = <T extends { key: string }>(items: T[]) => [...items].sort((a, b) => (a.key < b.key ? -1 : 1));
  return JSON.stringify({
    c: byKey(stored.competencies).map((c) => [c.key, c.name, c.description, c.category, c.position, c.retired]),
    m: byKey(stored.milestoneTemplates).map((m) => [
      m.key,
      m.phase,
      m.title,
      m.description,
      m.required,
      m.position,
      m.retired,
    ]),
  });
}
