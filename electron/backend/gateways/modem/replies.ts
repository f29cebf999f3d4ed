/**
 * Reading information lines of the shape `+NAME: a,b,"c, d"` (V.250 §5.7.2, 27.007 §4.1):
 * the answers of +CSQ, +CREG, +COPS, +CPIN, +CMGS, +CPMS, +CSCA ... share it.
 */

/** The line's parameters, quotes removed, or null when the line is not `<prefix>: ...`. */
export function replyParams(line: string, prefix: string): string[] | null {
  const head = `${prefix}:`;
  if (!line.startsWith(head)) return null;
  return splitParams(line.slice(head.length).trim());
}

/** Splits `a,b,"c, d"` on commas outside quotes; quotes are removed. */
export function splitParams(text: string): string[] {
  const params: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      params.push(current.trim());
      current = '';
    } else current += char;
  }
  params.push(current.trim());
  return params;
}

/** The first information line that starts with `<prefix>:`, parsed. */
export function findReply(lines: readonly string[], prefix: string): string[] | null {
  for (const line of lines) {
    const params = replyParams(line, prefix);
    if (params) return params;
  }
  return null;
}

/** A number parameter, or null when absent or not a number. */
export function intParam(params: readonly string[] | null, index: number): number | null {
  const value = params?.[index];
  if (value === undefined || !/^-?\d+$/.test(value)) return null;
  return Number(value);
}

/**
 * The plain answer of +CGMI / +CGMM / +CGMR / +CGSN / +CIMI: the first information line, with a
 * `+CGMI: ` style prefix (Quectel, SIMCom A76xx) and quotes removed.
 */
export function plainAnswer(lines: readonly string[], command: string): string | null {
  const name = command.replace(/^AT/i, '');
  for (const line of lines) {
    const text = line.startsWith(`${name}:`) ? line.slice(name.length + 1) : line;
    const cleaned = text.trim().replace(/^"(.*)"$/, '$1').trim();
    if (cleaned.length > 0) return cleaned;
  }
  return null;
}
