import { escapeRegex } from '../../util/text.js';

/**
 * A pragmatic validator for Java `DateTimeFormatter` / `SimpleDateFormat` patterns, which is
 * what Pact `date`, `time` and `timestamp` rules carry (`yyyy-MM-dd`, `HH:mm:ss.SSSXXX`,
 * `EEE, dd MMM yyyy HH:mm:ss z`). Each pattern letter becomes a regex group and the captured
 * numbers are range-checked (month 1–12, day against the month, hour 0–23...).
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

type Field = 'year' | 'month' | 'day' | 'hour24' | 'hour12' | 'minute' | 'second' | 'dayOfYear';

interface Compiled {
  regex: RegExp;
  fields: Array<Field | 'monthName' | undefined>;
}

const compiledCache = new Map<string, Compiled | string>();

function alternation(names: string[], short: boolean): string {
  return names.map((n) => (short ? n.slice(0, 3) : n)).join('|');
}

/** Turns a pattern into a regex, or an error message for letters we do not understand. */
function compile(pattern: string): Compiled | string {
  const cached = compiledCache.get(pattern);
  if (cached !== undefined) return cached;
  let source = '';
  const fields: Compiled['fields'] = [];
  let i = 0;
  const group = (re: string, field?: Field | 'monthName'): void => {
    source += `(${re})`;
    fields.push(field);
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      // Quoted literal; '' is a single quote.
      if (pattern[i + 1] === "'") {
        source += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let literal = '';
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          literal += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else literal += pattern[j++];
      }
      source += escapeRegex(literal);
      i = j + 1;
      continue;
    }
    if (c === '[' || c === ']') {
      // Optional sections: accept with or without (approximation: make the section optional).
      source += c === '[' ? '(?:' : ')?';
      i++;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      source += escapeRegex(c);
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    switch (c) {
      case 'y':
      case 'u':
      case 'Y':
        group(n === 2 ? '\\d{2}' : n >= 4 ? `[+-]?\\d{${n},9}` : '[+-]?\\d{1,9}', 'year');
        break;
      case 'M':
      case 'L':
        if (n >= 4) group(alternation(MONTHS, false), 'monthName');
        else if (n === 3) group(alternation(MONTHS, true), 'monthName');
        else group(n === 2 ? '\\d{2}' : '\\d{1,2}', 'month');
        break;
      case 'd':
        group(n === 2 ? '\\d{2}' : '\\d{1,2}', 'day');
        break;
      case 'D':
        group(n >= 3 ? '\\d{3}' : `\\d{${n},3}`, 'dayOfYear');
        break;
      case 'H':
      case 'k':
        group(n === 2 ? '\\d{2}' : '\\d{1,2}', 'hour24');
        break;
      case 'h':
      case 'K':
        group(n === 2 ? '\\d{2}' : '\\d{1,2}', 'hour12');
        break;
      case 'm':
        group(n === 2 ? '\\d{2}' : '\\d{1,2}', 'minute');
        break;
      case 's':
        group(n === 2 ? '\\d{2}' : '\\d{1,2}', 'second');
        break;
      case 'S':
      case 'n':
        group(`\\d{${c === 'S' ? n : 1},9}`);
        break;
      case 'A':
      case 'N':
        group('\\d+');
        break;
      case 'E':
      case 'e':
      case 'c':
        if (n >= 4) group(alternation(DAYS, false));
        else if (c === 'E') group(alternation(DAYS, true));
        else group('\\d');
        break;
      case 'a':
        group('AM|PM|am|pm');
        break;
      case 'G':
        group('AD|BC|Anno Domini|Before Christ');
        break;
      case 'Z':
        group(
          n <= 3
            ? '[+-]\\d{4}'
            : n === 4
              ? 'GMT(?:[+-]\\d{2}:\\d{2})?|Z|[+-]\\d{2}:\\d{2}'
              : 'Z|[+-]\\d{2}:\\d{2}',
        );
        break;
      case 'X':
        group(
          n === 1
            ? 'Z|[+-]\\d{2}(?:\\d{2})?'
            : n === 2 || n === 4
              ? 'Z|[+-]\\d{4}'
              : 'Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?',
        );
        break;
      case 'x':
        group(
          n === 1
            ? '[+-]\\d{2}(?:\\d{2})?'
            : n === 2 || n === 4
              ? '[+-]\\d{4}'
              : '[+-]\\d{2}:\\d{2}',
        );
        break;
      case 'z':
      case 'v':
        group('[A-Za-z][A-Za-z0-9_/+-]*(?:[+-]\\d{1,2}(?::\\d{2})?)?');
        break;
      case 'O':
        group('GMT(?:[+-]\\d{1,2}(?::\\d{2})?)?');
        break;
      case 'V':
        group('[A-Za-z][A-Za-z0-9_/+-]*');
        break;
      case 'Q':
      case 'q':
        group(n >= 3 ? 'Q[1-4]|[1-4](?:st|nd|rd|th) quarter' : '\\d{1,2}');
        break;
      case 'w':
      case 'W':
      case 'F':
        group('\\d{1,2}');
        break;
      default: {
        const error = `unsupported pattern letter '${c}'`;
        compiledCache.set(pattern, error);
        return error;
      }
    }
  }
  const compiled = { regex: new RegExp(`^${source}$`, 'i'), fields };
  compiledCache.set(pattern, compiled);
  return compiled;
}

function daysIn(month: number, year: number | undefined): number {
  if (month === 2) {
    if (year === undefined) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Checks `value` against a Java date/time pattern. Returns undefined when it fits, else why not.
 *
 * @example
 * validateDateTime('2024-02-30', 'yyyy-MM-dd') // → "day 30 is out of range for month 2"
 * validateDateTime('14:05:09', 'HH:mm:ss')     // → undefined
 */
export function validateDateTime(value: string, pattern: string): string | undefined {
  const compiled = compile(pattern);
  if (typeof compiled === 'string') return compiled;
  const m = compiled.regex.exec(value);
  if (!m) return `'${value}' does not have the shape of '${pattern}'`;
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  for (const [i, field] of compiled.fields.entries()) {
    const text = m[i + 1];
    if (text === undefined || field === undefined) continue;
    const num = Number(text);
    switch (field) {
      case 'year':
        year = num;
        break;
      case 'month':
        if (num < 1 || num > 12) return `month ${num} is out of range`;
        month = num;
        break;
      case 'monthName':
        month = MONTHS.findIndex((name) => name.startsWith(text.toLowerCase().slice(0, 3))) + 1;
        break;
      case 'day':
        if (num < 1 || num > 31) return `day ${num} is out of range`;
        day = num;
        break;
      case 'dayOfYear':
        if (num < 1 || num > 366) return `day of year ${num} is out of range`;
        break;
      case 'hour24':
        if (num > 24) return `hour ${num} is out of range`;
        break;
      case 'hour12':
        if (num < 1 && num !== 0) return `hour ${num} is out of range`;
        if (num > 12) return `hour ${num} is out of range`;
        break;
      case 'minute':
        if (num > 59) return `minute ${num} is out of range`;
        break;
      case 'second':
        if (num > 60) return `second ${num} is out of range`;
        break;
    }
  }
  if (month !== undefined && day !== undefined && day > daysIn(month, year)) {
    return `day ${day} is out of range for month ${month}`;
  }
  return undefined;
}

/** The ISO 8601 forms Pact accepts when a date/time rule has no format. */
export const DEFAULT_FORMATS = {
  date: 'yyyy-MM-dd',
  time: 'HH:mm[:ss][.SSS][XXX]',
  datetime: "yyyy-MM-dd'T'HH:mm[:ss][.SSS][XXX]",
} as const;
