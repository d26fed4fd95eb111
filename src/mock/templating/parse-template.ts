import type {
  CompiledTemplate,
  TemplateArg,
  TemplateExpression,
  TemplateIssue,
  TemplateLanguage,
  TemplateSegment,
} from './types.js';

const OPEN = '{{';
const CLOSE = '}}';
const PATH = /^[A-Za-z_$][\w$-]*(\.[\w$-]+)*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Parses a template once, at load time, into text and expressions. `\{{` is a literal `{{`.
 * Unknown helpers, bad lookups, wrong argument counts and unclosed braces are issues; the
 * template is still returned (bad expressions render as '') so loading can go on and report all.
 *
 * @example
 * const { template, issues } = parseTemplate('Hello {{request.query.name}}', RESPONSE_TEMPLATES);
 */
export function parseTemplate<C>(
  text: string,
  language: TemplateLanguage<C>,
): { template: CompiledTemplate; issues: TemplateIssue[] } {
  const segments: TemplateSegment[] = [];
  const issues: TemplateIssue[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf(OPEN, i);
    if (open === -1) {
      literal += text.slice(i);
      break;
    }
    if (open > 0 && text[open - 1] === '\\') {
      literal += `${text.slice(i, open - 1)}${OPEN}`;
      i = open + OPEN.length;
      continue;
    }
    literal += text.slice(i, open);
    const close = text.indexOf(CLOSE, open + OPEN.length);
    if (close === -1) {
      issues.push({
        offset: open,
        message: `'{{' at offset ${open} is never closed with '}}' (write \\{{ for a literal)`,
      });
      literal += text.slice(open);
      break;
    }
    const source = text.slice(open + OPEN.length, close).trim();
    const expression = parseExpression(source, open, language, issues);
    if (expression) {
      if (literal !== '') segments.push(literal);
      literal = '';
      segments.push(expression);
    }
    i = close + CLOSE.length;
  }
  if (literal !== '') segments.push(literal);
  return {
    template: { segments, isStatic: segments.every((s) => typeof s === 'string') },
    issues,
  };
}

/** Splits an expression into words; quoted strings keep their spaces. */
function tokenize(source: string, offset: number, issues: TemplateIssue[]): string[] | undefined {
  const tokens: string[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    let token = '';
    while (i < source.length && !/\s/.test(source[i]!)) {
      const c = source[i]!;
      if (c === "'" || c === '"') {
        const end = findQuoteEnd(source, i);
        if (end === -1) {
          issues.push({ offset, message: `unterminated string in {{${source}}}` });
          return undefined;
        }
        token += source.slice(i, end + 1);
        i = end + 1;
      } else {
        token += c;
        i++;
      }
    }
    tokens.push(token);
  }
  return tokens;
}

function findQuoteEnd(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return i;
  }
  return -1;
}

function parseArg(token: string): TemplateArg | undefined {
  const first = token[0];
  if ((first === "'" || first === '"') && token.endsWith(first) && token.length >= 2) {
    return { kind: 'literal', value: token.slice(1, -1).replace(/\\(.)/g, '$1') };
  }
  if (NUMBER.test(token)) return { kind: 'literal', value: Number(token) };
  if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
  if (PATH.test(token)) return { kind: 'path', path: token.split('.') };
  return undefined;
}

function parseExpression<C>(
  source: string,
  offset: number,
  language: TemplateLanguage<C>,
  issues: TemplateIssue[],
): TemplateExpression | undefined {
  const tokens = tokenize(source, offset, issues);
  if (tokens === undefined) return undefined;
  const [head, ...rest] = tokens;
  if (head === undefined) {
    issues.push({ offset, message: 'empty expression {{}}' });
    return undefined;
  }
  const args: TemplateArg[] = [];
  const hash: Record<string, TemplateArg> = {};
  let bad = false;
  for (const token of rest) {
    const eq = token.indexOf('=');
    const isHash = eq > 0 && /^[A-Za-z_]\w*$/.test(token.slice(0, eq));
    const arg = parseArg(isHash ? token.slice(eq + 1) : token);
    if (arg === undefined) {
      issues.push({
        offset,
        message: `cannot read '${token}' in {{${source}}}: quote strings ('text')`,
      });
      bad = true;
      continue;
    }
    if (isHash) hash[token.slice(0, eq)] = arg;
    else args.push(arg);
    if (arg.kind === 'path') bad = !checkPath(arg.path, source, offset, language, issues) || bad;
  }
  if (bad) return undefined;

  const helper = Object.hasOwn(language.helpers, head) ? language.helpers[head] : undefined;
  if (helper !== undefined) {
    const min = helper.minArgs ?? 0;
    const max = helper.maxArgs ?? min;
    if (args.length < min || args.length > max) {
      const wanted = min === max ? `${min}` : `${min} to ${max}`;
      issues.push({
        offset,
        message: `helper '${head}' takes ${wanted} argument(s), got ${args.length} in {{${source}}}`,
      });
      return undefined;
    }
    for (const key of Object.keys(hash)) {
      if (!(helper.hash ?? []).includes(key)) {
        issues.push({
          offset,
          message: `helper '${head}' has no option '${key}' in {{${source}}}`,
        });
        return undefined;
      }
    }
    return { helper: head, args, hash, source };
  }
  if (!PATH.test(head) || !head.includes('.')) {
    issues.push({
      offset,
      message: `unknown helper '${head}' in {{${source}}}: use one of ${Object.keys(language.helpers).join(', ')}, or a lookup like request.query.name`,
    });
    return undefined;
  }
  const path = head.split('.');
  if (!checkPath(path, source, offset, language, issues)) return undefined;
  if (args.length > 0 || Object.keys(hash).some((k) => k !== 'default')) {
    issues.push({
      offset,
      message: `a lookup takes no arguments besides default='...' in {{${source}}}`,
    });
    return undefined;
  }
  return { path, args, hash, source };
}

function checkPath<C>(
  path: string[],
  source: string,
  offset: number,
  language: TemplateLanguage<C>,
  issues: TemplateIssue[],
): boolean {
  const problem = language.checkPath(path);
  if (problem === undefined) return true;
  issues.push({ offset, message: `${problem} in {{${source}}}` });
  return false;
}
