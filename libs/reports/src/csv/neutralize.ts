/**
 * Spreadsheets run cells that begin with = + - @ (or a tab or carriage return that hides
 * one) as formulas. Such text cells get a leading apostrophe, which spreadsheets show as text.
 */
export function neutralize(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
