import PDFDocument from 'pdfkit';
import { labelOf, LEVEL_LABEL, PHASE_LABEL, percentOf } from '@leadpath/framework';
import type { Packet } from './dto/talent-review.dto';

/**
 * User text goes in as plain text only: no links, images or anything fetched. The built-in fonts
 * cover Windows-1252; anything outside it is shown as "?" rather than as a wrong glyph.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function plain(text: string | null | undefined, max = 600): string {
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

export interface PacketPdfData {
  reviewName: string;
  targetPhase: string;
  packet: Packet;
  submittedAt: string;
}

/** The packet as the committee saw it when the nomination was submitted, in the readiness report's style. */
export function renderPacketPdf(data: PacketPdfData): Promise<Buffer> {
  const p = data.packet;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `Talent review packet: ${plain(p.mentee.name, 100)}`, Producer: 'Leadpath' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => {
    doc.moveDown(0.8);
    doc.font('Helvetica-Bold').fontSize(12).text(text);
    doc.font('Helvetica').fontSize(10);
  };

  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(`Talent review packet: ${plain(p.mentee.name, 100)}`);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555')
    .text(
      `${plain(data.reviewName, 200)} · into ${labelOf(PHASE_LABEL, data.targetPhase)} · ${plain(p.mentee.department ?? 'no department', 100)} · submitted ${data.submittedAt.slice(0, 10)} · as submitted, not as it is today`,
    )
    .fillColor('#000');

  heading('The case');
  doc.text(plain(p.case, 8000));

  const r = p.readiness;
  heading(`Readiness ${r.score} / 100 — ${labelOf(LEVEL_LABEL, r.level)}`);
  doc.text(
    `Milestones ${percentOf(r.components.milestones.value)}% (${r.components.milestones.verified} of ${r.components.milestones.required} verified) · ` +
      `competencies ${percentOf(r.components.competencies.value)}% (${r.components.competencies.rated} of ${r.components.competencies.total} rated) · ` +
      `goals ${percentOf(r.components.goals.value)}% (${r.components.goals.achieved} achieved)`,
  );
  for (const gap of r.gaps) doc.text(`• ${plain(gap.message, 400)}`);

  heading('Verified milestones');
  if (p.milestones.length === 0) doc.text('None verified yet.');
  for (const m of p.milestones) {
    doc.text(`• ${plain(m.title, 200)}${m.verifiedByName ? ` — verified by ${plain(m.verifiedByName, 100)}` : ''}`);
    if (m.evidence)
      doc
        .fillColor('#555')
        .text(`  ${plain(m.evidence.text, 600)}`)
        .fillColor('#000');
  }

  heading('Stretch assignments and the voice of those led');
  if (p.assignments.length === 0) doc.text('No stretch assignments.');
  for (const a of p.assignments) {
    const voice = a.ledVoice.competencies
      ? a.ledVoice.competencies.map((c) => `${c.key} ${c.mean.toFixed(1)}`).join(', ')
      : `not shown below ${a.ledVoice.threshold} answers (${a.ledVoice.answers} so far)`;
    doc.text(`• ${plain(a.assignment.title, 200)} (${a.assignment.status}) — those led: ${voice}`);
  }

  heading('Rating trend per competency');
  if (p.ratingTrend.length === 0) doc.text('No shared ratings.');
  for (const t of p.ratingTrend) {
    doc.text(`• ${plain(t.name, 200)}: ${t.points.map((pt) => `${pt.rating} (${pt.occurredOn})`).join(' → ')}`);
  }

  heading('Goals');
  if (p.goals.length === 0) doc.text('No goals.');
  for (const g of p.goals) doc.text(`• ${plain(g.title, 200)} — ${g.status}`);

  heading('Self vs manager assessment');
  const self = p.assessments.self;
  const manager = p.assessments.manager;
  const view = (a: typeof self) =>
    a ? `fit ${a.fit.toFixed(1)}, suggests ${a.suggestion.replace(/_/g, ' ')} (${a.createdAt.slice(0, 10)})` : 'none';
  doc.text(`Self-assessment: ${view(self)}`);
  doc.text(`Manager assessment: ${view(manager)}`);
  if (self?.gap) doc.text(`Self minus manager fit: ${self.gap.fit.toFixed(1)}`);

  doc.end();
  return done;
}
