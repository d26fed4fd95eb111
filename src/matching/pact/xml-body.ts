/**
 * Compares XML bodies the Pact way. Locations are element names from the root
 * (`$.animals.alligator`), attributes are `@name` and the text content is `#text`, so rules like
 * `$.animals.alligator['@name']` apply. Names include the namespace URI when there is one, so
 * prefixes do not matter but namespaces do. Children with the same name are compared in order,
 * or — with a type rule on them — each actual child against the first expected one.
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { matchRuleList } from './match-value.js';
import { type RuleMap, resolveRulesAt } from './rule-context.js';
import type { Mismatch } from './types.js';

/** A location in both spellings: without child indices (pact-rust) and with them (Pact-JVM). */
interface Where {
  plain: string[];
  indexed: string[];
}

function extend(where: Where, segment: string, index?: number): Where {
  return {
    plain: [...where.plain, segment],
    indexed:
      index === undefined
        ? [...where.indexed, segment]
        : [...where.indexed, String(index), segment],
  };
}

function rulesAt(context: XmlCompareContext, where: Where) {
  return resolveRulesAt(context.rules, [where.plain, where.indexed]);
}

const TYPE_LIKE = new Set(['type', 'min', 'max', 'minmax', 'values', 'eachValue']);

function typeMatcherAt(context: XmlCompareContext, where: Where): boolean {
  return rulesAt(context, where)?.list.matchers.some((m) => TYPE_LIKE.has(m.match)) ?? false;
}

export interface XmlCompareContext {
  rules: RuleMap;
  allowUnexpectedKeys: boolean;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Parses XML text into its root element, or returns why it could not. */
export function parseXml(text: string): Element | string {
  try {
    let error: string | undefined;
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning' && error === undefined) error = message;
      },
    }).parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
    if (error !== undefined) return error;
    const root = doc.documentElement;
    return root ?? 'the document has no root element';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function qualifiedName(node: {
  namespaceURI: string | null;
  localName: string | null;
  nodeName: string;
}) {
  const local = node.localName ?? node.nodeName;
  return node.namespaceURI ? `${node.namespaceURI}:${local}` : local;
}

function childElements(element: Element): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = element.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === ELEMENT_NODE) out.push(n as Element);
  }
  return out;
}

function attributes(element: Element): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < element.attributes.length; i++) {
    const attr = element.attributes.item(i);
    if (!attr) continue;
    // Namespace declarations are not attributes in the data model.
    if (attr.name === 'xmlns' || attr.name.startsWith('xmlns:')) continue;
    out.set(qualifiedName(attr), attr.value);
  }
  return out;
}

function textOf(element: Element): string {
  let text = '';
  for (let n: Node | null = element.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE) {
      text += (n.nodeValue ?? '').trim();
    }
  }
  return text;
}

/**
 * Compares two XML documents (as text) and returns every mismatch.
 *
 * @example
 * compareXml('<a id="1"/>', '<a id="2"/>', { rules: undefined, allowUnexpectedKeys: true })
 * // → [{ path: '$.a.@id', expected: '1', actual: '2', message: "Expected '2' to be equal to '1'", kind: 'body' }]
 */
export function compareXml(
  expected: string,
  actual: string,
  context: XmlCompareContext,
): Mismatch[] {
  const out: Mismatch[] = [];
  const e = parseXml(expected);
  const a = parseXml(actual);
  if (typeof e === 'string' || typeof a === 'string') {
    if (typeof e === 'string') {
      out.push(mismatch(['$'], expected, actual, `Failed to parse the expected body: ${e}`));
    }
    if (typeof a === 'string') {
      out.push(mismatch(['$'], expected, actual, `Failed to parse the actual body: ${a}`));
    }
    return out;
  }
  const root = ['$', qualifiedName(e)];
  compareElement({ plain: root, indexed: root }, e, a, context, out);
  return out;
}

function mismatch(
  location: Where | readonly string[],
  expected: unknown,
  actual: unknown,
  message: string,
): Mismatch {
  const segments = 'plain' in location ? location.plain : location;
  return { path: segments.join('.'), expected, actual, message, kind: 'body' };
}

function compareElement(
  location: Where,
  expected: Element,
  actual: Element,
  context: XmlCompareContext,
  out: Mismatch[],
): void {
  const expectedName = qualifiedName(expected);
  const actualName = qualifiedName(actual);
  const resolved = rulesAt(context, location);
  const failures: string[] = [];
  if (expectedName !== actualName) {
    const verb = resolved ? 'be the same type as' : 'be equal to';
    failures.push(`Expected '${actualName}' to ${verb} '${expectedName}'`);
  } else if (resolved) {
    // Value rules on an element apply to its text (as Pact-JVM does); sizes to its children.
    const count = childElements(actual).length;
    const results = resolved.list.matchers.map((rule): string | undefined => {
      const r = rule as { min?: unknown; max?: unknown };
      if (TYPE_LIKE.has(rule.match) || rule.match === 'equality') {
        if (!resolved.direct) return undefined;
        if (typeof r.min === 'number' && count < r.min) {
          return `Expected <${actualName}/> to have at least ${r.min} children but had ${count}`;
        }
        if (typeof r.max === 'number' && count > r.max) {
          return `Expected <${actualName}/> to have at most ${r.max} children but had ${count}`;
        }
        return undefined;
      }
      return matchRuleList(
        textOf(expected),
        textOf(actual),
        { combine: 'AND', matchers: [rule] },
        { textual: true },
      )[0];
    });
    const failed = results.filter((m): m is string => m !== undefined);
    if (resolved.list.combine === 'AND' || failed.length === results.length)
      failures.push(...failed);
  }
  if (failures.length > 0) {
    for (const message of failures) out.push(mismatch(location, expectedName, actualName, message));
    return;
  }
  compareAttributes(location, expected, actual, context, out);
  compareChildren(location, expected, actual, context, out);
  compareText(location, expected, actual, context, out);
}

function compareAttributes(
  location: Where,
  expected: Element,
  actual: Element,
  context: XmlCompareContext,
  out: Mismatch[],
): void {
  const e = attributes(expected);
  const a = attributes(actual);
  const show = (m: Map<string, string>) => Object.fromEntries(m);
  if (e.size === 0 && a.size > 0 && !context.allowUnexpectedKeys) {
    out.push(
      mismatch(
        location,
        show(e),
        show(a),
        `Did not expect any attributes but received ${JSON.stringify(show(a))}`,
      ),
    );
    return;
  }
  if (!context.allowUnexpectedKeys) {
    for (const name of a.keys()) {
      if (!e.has(name)) {
        out.push(
          mismatch(
            extend(location, `@${name}`),
            undefined,
            a.get(name),
            `Unexpected attribute '${name}'`,
          ),
        );
      }
    }
  }
  for (const [name, value] of e) {
    const p = extend(location, `@${name}`);
    const actualValue = a.get(name);
    if (actualValue === undefined) {
      out.push(
        mismatch(p, value, undefined, `Expected attribute '${name}'='${value}' but was missing`),
      );
      continue;
    }
    compareText1(p, value, actualValue, context, out);
  }
}

function compareText1(
  location: Where,
  expected: string,
  actual: string,
  context: XmlCompareContext,
  out: Mismatch[],
): void {
  const list = rulesAt(context, location)?.list ?? {
    combine: 'AND' as const,
    matchers: [{ match: 'equality' }],
  };
  for (const message of matchRuleList(expected, actual, list, { textual: true })) {
    out.push(mismatch(location, expected, actual, message));
  }
}

function groupByName(elements: Element[]): Map<string, Element[]> {
  const groups = new Map<string, Element[]>();
  for (const el of elements) {
    const name = qualifiedName(el);
    const group = groups.get(name) ?? [];
    group.push(el);
    groups.set(name, group);
  }
  return groups;
}

function compareChildren(
  location: Where,
  expected: Element,
  actual: Element,
  context: XmlCompareContext,
  out: Mismatch[],
): void {
  const expectedChildren = childElements(expected);
  const actualChildren = childElements(actual);
  const names = (els: Element[]) => els.map(qualifiedName).join(', ');
  if (expectedChildren.length === 0 && actualChildren.length > 0 && !context.allowUnexpectedKeys) {
    out.push(
      mismatch(
        location,
        names(expectedChildren),
        names(actualChildren),
        `Expected no children but received [${names(actualChildren)}]`,
      ),
    );
    return;
  }
  const expectedGroups = groupByName(expectedChildren);
  const actualGroups = groupByName(actualChildren);
  for (const [name, group] of actualGroups) {
    const p = extend(location, name, actualChildren.indexOf(group[0]!));
    const expectedGroup = expectedGroups.get(name);
    if (!expectedGroup) {
      if (!context.allowUnexpectedKeys || typeMatcherAt(context, p)) {
        out.push(
          mismatch(
            location,
            names(expectedChildren),
            names(actualChildren),
            `Unexpected child <${name}/>`,
          ),
        );
      }
      continue;
    }
    if (typeMatcherAt(context, p)) {
      for (const child of group) {
        const at = extend(location, name, actualChildren.indexOf(child));
        compareElement(at, expectedGroup[0]!, child, context, out);
      }
      continue;
    }
    const length = Math.max(group.length, expectedGroup.length);
    for (let i = 0; i < length; i++) {
      const e = expectedGroup[i];
      const a = group[i];
      if (e && a)
        compareElement(extend(location, name, actualChildren.indexOf(a)), e, a, context, out);
      else if (e)
        out.push(mismatch(p, name, undefined, `Expected child <${name}/> but was missing`));
      else if (!context.allowUnexpectedKeys) {
        out.push(mismatch(p, undefined, name, `Unexpected child <${name}/>`));
      }
    }
  }
  for (const name of expectedGroups.keys()) {
    if (!actualGroups.has(name)) {
      out.push(
        mismatch(
          location,
          names(expectedChildren),
          names(actualChildren),
          `Expected child <${name}/> but was missing`,
        ),
      );
    }
  }
}

function compareText(
  location: Where,
  expected: Element,
  actual: Element,
  context: XmlCompareContext,
  out: Mismatch[],
): void {
  compareText1(extend(location, '#text'), textOf(expected), textOf(actual), context, out);
}
