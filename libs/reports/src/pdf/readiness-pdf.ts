import PDFDocument from 'pdfkit';
import type { FeedbackResponse } from '@leadpath/feedback';
import type { GoalResponse } from '@leadpath/goals';
import type { PhaseChangeResponse } from '@leadpath/mentees';
import type { MilestoneResponse } from '@leadpath/milestones';
import { GAP_BELOW_MEAN } from '@leadpath/platform/domain';
import type { ReadinessResponse } from '@leadpath/readiness';
import { labelOf, LEVEL_LABEL, PHASE_LABEL, percentOf, TRACK_LABEL } from '@leadpath/framework';

export interface PdfData {
  organization: string;
  mentee: { name: string; email: string; department: string | null; managerName: string; track: string };
  readiness: ReadinessResponse;
  milestones: MilestoneResponse[];
  goals: GoalResponse[];
  feedback: FeedbackResponse[];
  phaseHistory: PhaseChangeResponse[];
  generatedAt: Date;
}

/**
 * User text goes in as plain text only: no links, images or anything fetched. The built-in
 * fonts cover Windows-1252; anything outside it is shown as "?" rather than as a wrong glyph.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function plain(text: string | null | undefined, max = 600): string {
  if (!text) return '';
  const cleaned = [...text]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if (ch === '\n') return '\n';
      if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' ';
      return code <= 0xff || WIN_ANSI_EXTRA.has(ch) ? ch : '?';
    })
    .join('');
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

const humanPhase = (phase: string | null) => (phase ? labelOf(PHASE_LABEL, phase) : '—');
const humanTrack = (track: string) => labelOf(TRACK_LABEL, track);
const percent = (value: number) => `${percentOf(value)}%`;

/** A one-to-two-page readiness report for a promotion panel. Contains no private feedback. */
export function renderReadinessPdf(data: PdfData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `Readiness report: ${plain(data.mentee.name, 100)}`, Producer: 'Leadpath' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const r = data.readiness;
  const width = doc.page.width - 96;

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`Leadership readiness: ${plain(data.mentee.name, 100)}`);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555')
    .text(
      `${plain(data.organization, 100)} · ${plain(data.mentee.department ?? 'no department', 100)} · line manager ${plain(data.mentee.managerName, 100)} · track ${humanTrack(data.mentee.track)} · generated ${data.generatedAt.toISOString().slice(0, 10)}`,
    )
    .fillColor('#000');
  doc.moveDown(0.8);

  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(`Readiness score ${r.score} / 100 — ${labelOf(LEVEL_LABEL, r.level)}`);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      `Phase: ${humanPhase(r.phase)}, toward ${humanPhase(r.nextPhase)}. Milestones: ${r.components.milestones.verified} of ${r.components.milestones.required} required verified (${percent(r.components.milestones.value)}). Competencies: ${percent(r.components.competencies.value)}. Goals: ${r.components.goals.achieved} achieved and confirmed, ${r.components.goals.pastDue} open past their date (${percent(r.components.goals.value)}).`,
    );
  if (r.needToSee)
    doc
      .moveDown(0.3)
      .font('Helvetica-Oblique')
      .text(`What I would need to see: ${plain(r.needToSee.text, 500)}`)
      .font('Helvetica');
  if (r.gaps.length > 0) {
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text('What holds readiness back');
    doc.font('Helvetica').fontSize(9);
    for (const gap of r.gaps.slice(0, 14)) doc.text(`• ${plain(gap.message, 300)}`);
    if (r.gaps.length > 14) doc.text(`… and ${r.gaps.length - 14} more.`);
  }
  doc.moveDown(0.8);

  doc.font('Helvetica-Bold').fontSize(12).text('Competencies (mean of the latest shared ratings, 1–5)');
  doc.moveDown(0.3);
  const labelWidth = 150;
  const barWidth = width - labelWidth - 60;
  for (const c of r.competencies) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(9).text(plain(c.name, 40), 48, y, { width: labelWidth });
    doc
      .rect(48 + labelWidth, y, barWidth, 9)
      .fillColor('#eeeeee')
      .fill();
    if (c.mean !== null)
      doc
        .rect(48 + labelWidth, y, (barWidth * c.mean) / 5, 9)
        .fillColor(c.mean >= GAP_BELOW_MEAN ? '#2f7d4f' : '#c0392b')
        .fill();
    doc.fillColor('#000').text(c.mean === null ? 'no rating' : c.mean.toFixed(1), 48 + labelWidth + barWidth + 6, y);
    doc.x = 48;
    doc.y = y + 13;
  }
  doc.moveDown(0.6);

  // Evidence no other view holds: what the people who were led said, beside the manager's ratings.
  doc.font('Helvetica-Bold').fontSize(12).text('The people I led');
  const led = r.competencies.filter((c) => c.led.mean !== null);
  if (led.length === 0) {
    doc.font('Helvetica').fontSize(9).text('No feedback yet from people led on a completed stretch assignment.');
  }
  for (const c of led) {
    const manager = c.managerMean === null ? 'no manager rating' : `manager ${c.managerMean.toFixed(1)}`;
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(`${plain(c.name, 60)}: the people led ${c.led.mean!.toFixed(1)} (${c.led.answers} answers); ${manager}`);
  }
  doc.moveDown(0.6);

  doc.font('Helvetica-Bold').fontSize(12).text('Milestones of this phase');
  for (const m of data.milestones) {
    const state = m.verified
      ? `verified by ${plain(m.verifiedByName, 80)} on ${m.verifiedAt?.slice(0, 10)}`
      : m.status.replace('_', ' ');
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(`${m.required ? '' : '(optional) '}${plain(m.title, 200)} — ${state}`);
    if (m.evidence?.text)
      doc
        .fillColor('#555')
        .text(`   Evidence: ${plain(m.evidence.text, 300)}`)
        .fillColor('#000');
    for (const link of m.evidence?.links ?? [])
      doc
        .fillColor('#555')
        .text(`   ${plain(link, 200)}`)
        .fillColor('#000');
  }
  doc.moveDown(0.6);

  doc.font('Helvetica-Bold').fontSize(12).text('Goals');
  if (data.goals.length === 0) doc.font('Helvetica').fontSize(9).text('No goals yet.');
  for (const g of data.goals) {
    const progress = g.latestProgress === null ? '' : `, ${g.latestProgress}% done`;
    const due = g.targetDate ? `, due ${g.targetDate}${g.overdue ? ' (overdue)' : ''}` : '';
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(`${plain(g.title, 200)} — ${statusOf(g)}${progress}${due} [${g.competency}]`);
  }
  doc.moveDown(0.6);

  doc.font('Helvetica-Bold').fontSize(12).text('Recent shared feedback');
  if (data.feedback.length === 0) doc.font('Helvetica').fontSize(9).text('No shared feedback yet.');
  for (const f of data.feedback) {
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(`${f.occurredOn} — ${plain(f.authorName, 80)} (${f.authorRole})`);
    doc.font('Helvetica').fontSize(9);
    if (f.strengths) doc.text(`Strengths: ${plain(f.strengths, 400)}`);
    if (f.gaps) doc.text(`Gaps: ${plain(f.gaps, 400)}`);
    if (f.nextSteps) doc.text(`Next steps: ${plain(f.nextSteps, 400)}`);
  }
  doc.moveDown(0.6);

  doc.font('Helvetica-Bold').fontSize(12).text('Phase history');
  for (const p of data.phaseHistory) {
    doc
      .font('Helvetica')
      .fontSize(9)
      .text(
        `${p.changedAt.slice(0, 10)}: ${p.fromPhase ? `${humanPhase(p.fromPhase)} → ` : 'started in '}${humanPhase(p.toPhase)} (${plain(p.changedByName, 80)})${p.note ? ` — ${plain(p.note, 200)}` : ''}`,
      );
  }
  doc.end();
  return done;
}

/** A promotion panel must see a claim as a claim. */
function statusOf(goal: GoalResponse): string {
  return goal.status === 'achieved' && goal.confirmedAt === null ? 'achieved, awaiting confirmation' : goal.status;
}
