/**
 * The series selectors of a PromQL expression (`metric{matchers}`), found by a small scanner rather
 * than a parser: enough for our rules and dashboards, to ask Prometheus whether each one matches
 * any series (a misspelt metric or label value matches none).
 */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);
const GROUPING = /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;

export function seriesSelectors(expr: string): string[] {
  const text = expr.replace(GROUPING, ' ');
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = skipString(text, i);
    } else if (c === '[') {
      i = text.indexOf(']', i) + 1 || text.length;
    } else if (c === '{') {
      // A selector with matchers only: {__name__=~"..."}; not used in our rules.
      const end = closingBrace(text, i);
      found.push(text.slice(i, end));
      i = end;
    } else if (/[A-Za-z_:]/.test(c) && !/[0-9.]/.test(text[i - 1] ?? '')) {
      const name = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(text.slice(i))![0];
      let j = i + name.length;
      while (text[j] === ' ' || text[j] === '\n') j++;
      if (text[j] === '(' || KEYWORDS.has(name.toLowerCase())) {
        i = i + name.length;
      } else if (text[j] === '{') {
        const end = closingBrace(text, j);
        found.push(`${name}${text.slice(j, end)}`);
        i = end;
      } else {
        found.push(name);
        i = i + name.length;
      }
    } else {
      i++;
    }
  }
  return [...new Set(found)];
}

/** The metric names a selector list refers to (recording rules included). */
export const metricNameOf = (selector: string): string => /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(selector)?.[0] ?? '';

function skipString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function closingBrace(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length && text[i] !== '}') i = text[i] === '"' || text[i] === "'" ? skipString(text, i) : i + 1;
  return i + 1;
}
