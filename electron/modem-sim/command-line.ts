// Splitting a command line into its commands (ITU-T V.250 §5.2 - §5.4).
// "AT+CMGF=0;+CNMI=2,1,0,2,0" holds two extended commands; "ATE0V1" two basic ones.

/**
 * The commands on one command line, each without the `AT` prefix ("E0", "+CMGF=0", "&F").
 * Returns null when the line holds no `AT` prefix: V.250 §5.2.1 says such a line is ignored
 * (characters before the prefix are discarded, so a stray LF or noise before AT is harmless).
 * An empty list means a bare `AT`.
 */
export function splitCommandLine(line: string): string[] | null {
  const start = line.search(/AT/i);
  if (start < 0) return null;
  const body = line.slice(start + 2).trim();
  const commands: string[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body.charAt(i);
    if (c === ';' || c === ' ') {
      i += 1;
      continue;
    }
    let end: number;
    if ('+^$*%#'.includes(c)) {
      // Extended command (V.250 §5.4.1): runs to the next ';' outside a quoted string.
      end = i + 1;
      let quoted = false;
      while (end < body.length && (quoted || body.charAt(end) !== ';')) {
        if (body.charAt(end) === '"') quoted = !quoted;
        end += 1;
      }
    } else if (c === '&') {
      // &<letter><digits>, e.g. &F, &W0.
      end = i + 2;
      while (end < body.length && /\d/.test(body.charAt(end))) end += 1;
    } else if (/s/i.test(c)) {
      // S-parameter (V.250 §5.3.2): S<n>?, S<n>=<value>.
      const match = /^S\d+(?:\?|=\d*)?/i.exec(body.slice(i));
      end = i + (match?.[0].length ?? 1);
    } else {
      // Basic command (V.250 §5.3.1): one letter and an optional number, e.g. E0, Z, I.
      end = i + 1;
      while (end < body.length && /\d/.test(body.charAt(end))) end += 1;
    }
    commands.push(body.slice(i, end));
    i = end;
  }
  return commands;
}
