import { inflateSync } from 'node:zlib';

/**
 * The text a reader would see in a PDF made by pdfkit with its built-in fonts: every content
 * stream inflated, every TJ/Tj string decoded from WinAnsi. Small, exact and without the
 * start-up races of a general PDF library.
 */
export function pdfText(data: Buffer): { text: string; pages: number } {
  const raw = data.toString('latin1');
  const lines: string[] = [];
  const streamPattern = /<<([^]*?)>>\s*stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streamPattern.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    let body = data.subarray(start, end);
    if (/\/FlateDecode/.test(match[1] ?? '')) {
      try {
        body = inflateSync(body);
      } catch {
        continue;
      }
    }
    const content = body.toString('latin1');
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes =
        op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1] ?? '') : [op[2] ?? ''];
      lines.push(hexes.map((h) => Buffer.from(h, 'hex').toString('latin1')).join(''));
    }
  }
  const pages = (raw.match(/\/Type\s*\/Page\b/g) ?? []).length;
  return { text: lines.join('\n'), pages };
}
