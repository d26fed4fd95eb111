/**
 * A small regex-to-string generator for Pact `Regex` generators: literals, escapes (`\d \w \s`),
 * classes (`[a-z0-9_]`, negation ignored), groups with alternation, `.` and the quantifiers
 * `? * + {n} {n,m}`. Anchors are dropped. Unbounded repeats are capped at a few items.
 */

type Node =
  | { kind: 'chars'; chars: string }
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const DIGITS = '0123456789';
const WORD = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}_`;
const ANY = `${WORD} -.`;

function range(from: string, to: string): string {
  let out = '';
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out += String.fromCharCode(c);
  return out;
}

function escapeChars(c: string): string {
  switch (c) {
    case 'd':
      return DIGITS;
    case 'w':
      return WORD;
    case 's':
      return ' ';
    case 'D':
    case 'W':
    case 'S':
      return '-';
    case 'n':
      return '\n';
    case 't':
      return '\t';
    default:
      return c;
  }
}

class Parser {
  i = 0;
  constructor(readonly src: string) {}

  alternatives(): Node[][] {
    const alts: Node[][] = [[]];
    while (this.i < this.src.length && this.src[this.i] !== ')') {
      const c = this.src[this.i]!;
      if (c === '|') {
        this.i++;
        alts.push([]);
        continue;
      }
      const atom = this.atom();
      if (atom) alts[alts.length - 1]!.push(this.quantified(atom));
    }
    return alts;
  }

  atom(): Node | undefined {
    const c = this.src[this.i++]!;
    if (c === '^' || c === '$') return undefined;
    if (c === '(') {
      if (this.src[this.i] === '?') {
        // (?:...), (?=...) and friends: treat as a plain group.
        this.i++;
        while (this.i < this.src.length && /[:=!<>a-zA-Z-]/.test(this.src[this.i]!)) {
          const done = this.src[this.i] === ':' || this.src[this.i] === '>';
          this.i++;
          if (done) break;
        }
      }
      const alternatives = this.alternatives();
      this.i++; // ')'
      return { kind: 'group', alternatives };
    }
    if (c === '[') return { kind: 'chars', chars: this.charClass() };
    if (c === '.') return { kind: 'chars', chars: ANY };
    if (c === '\\') return { kind: 'chars', chars: escapeChars(this.src[this.i++] ?? '\\') };
    return { kind: 'chars', chars: c };
  }

  charClass(): string {
    let chars = '';
    if (this.src[this.i] === '^') this.i++;
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let c = this.src[this.i++]!;
      if (c === '\\') {
        chars += escapeChars(this.src[this.i++] ?? '\\');
        continue;
      }
      if (
        this.src[this.i] === '-' &&
        this.src[this.i + 1] !== undefined &&
        this.src[this.i + 1] !== ']'
      ) {
        const to = this.src[this.i + 1]!;
        this.i += 2;
        chars += range(c, to);
        continue;
      }
      if (c === '\u0000') c = '';
      chars += c;
    }
    this.i++; // ']'
    return chars === '' ? WORD : chars;
  }

  quantified(node: Node): Node {
    const c = this.src[this.i];
    let min = 1;
    let max = 1;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, 3];
    else if (c === '+') [min, max] = [1, 4];
    else if (c === '{') {
      const m = /^\{(\d*)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return node;
      min = m[1] === '' ? 0 : Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? min + 3 : Number(m[3]);
      this.i += m[0].length - 1;
    } else return node;
    this.i++;
    if (this.src[this.i] === '?' || this.src[this.i] === '+') this.i++; // lazy / possessive
    return { kind: 'repeat', node, min, max };
  }
}

function render(node: Node, random: () => number): string {
  const pick = (n: number) => Math.floor(random() * n);
  switch (node.kind) {
    case 'chars':
      return node.chars[pick(node.chars.length)] ?? '';
    case 'group': {
      const alt = node.alternatives[pick(node.alternatives.length)] ?? [];
      return alt.map((n) => render(n, random)).join('');
    }
    case 'repeat': {
      const count = node.min + pick(node.max - node.min + 1);
      let out = '';
      for (let k = 0; k < count; k++) out += render(node.node, random);
      return out;
    }
  }
}

/**
 * Generates a string matching a (simple) regular expression.
 *
 * @example
 * sampleRegex('\\d{3}-[A-Z]{2}', seededRandom(1)) // → e.g. '402-QF'
 */
export function sampleRegex(regex: string, random: () => number): string {
  const parser = new Parser(regex);
  const alternatives: Node[][] = [];
  while (parser.i < regex.length) {
    alternatives.push(...parser.alternatives());
    parser.i++; // stray ')'
  }
  return render({ kind: 'group', alternatives }, random);
}
