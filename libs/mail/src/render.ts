/** The parts of a message; every value is plain text, escaped here for the HTML part. */
export interface MailParts {
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Smaller print under the message (why you got it, how to stop it). */
  footer?: string[];
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** One layout for every message: a text part and an HTML part that say the same thing. */
export function renderMail(parts: MailParts): { text: string; html: string } {
  const text = [
    parts.greeting,
    '',
    ...parts.paragraphs.flatMap((p) => [p, '']),
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`, ''] : []),
    ...(parts.footer?.length ? ['--', ...parts.footer] : []),
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;max-width:40em">',
    `<p>${escapeHtml(parts.greeting)}</p>`,
    ...parts.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(parts.action ? [`<p><a href="${escapeHtml(parts.action.url)}">${escapeHtml(parts.action.label)}</a></p>`] : []),
    ...(parts.footer?.length
      ? [`<hr><p style="font-size:small;color:#555">${parts.footer.map(escapeHtml).join('<br>')}</p>`]
      : []),
    '</body></html>',
  ].join('\n');
  return { text, html };
}
