/**
 * Any loaded contract → a Hoverfly v5.3 simulation (model form; write it with
 * `toHoverflySimulation` from formats/hoverfly/export.ts):
 * - OpenAPI/RAML: one pair per operation × documented status × example. Paths with `{params}`
 *   become globs. The default answer (lowest 2xx, first example) has no extra matcher; the others
 *   are chosen by a `Prefer: code=404, example=name` header, as with `gauntlet mock`.
 * - Pact: one pair per HTTP interaction; path/query/header regex rules become regex matchers,
 *   JSON bodies with rules become `jsonpartial` on the literal part, without rules `json`.
 * - Hoverfly: the simulation itself (a copy).
 */
import type {
  Example,
  HoverflyMatcher,
  HoverflyPair,
  HoverflyRequestMatcher,
  HoverflySimulation,
  HttpOperation,
  MatchingRule,
  PactHttpInteraction,
  RuleList,
  Service,
} from '../../model/index.js';

const exact = (value: string): HoverflyMatcher[] => [{ matcher: 'exact', value }];

function emptySimulation(): HoverflySimulation {
  return {
    pairs: [],
    globalActions: { delays: [], delaysLogNormal: [] },
    meta: { schemaVersion: 'v5.3' },
  };
}

function base64Text(b64: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch {
    return b64;
  }
}

function bodyText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

// ------------------------------------------------------------------------------- OpenAPI

function statusNumber(status: string): number | undefined {
  if (/^\d{3}$/.test(status)) return Number(status);
  if (/^\dXX$/i.test(status)) return Number(status[0]) * 100;
  return undefined;
}

function pathMatcher(path: string): HoverflyMatcher[] {
  return path.includes('{')
    ? [{ matcher: 'glob', value: path.replace(/\{[^}]+\}/g, '*') }]
    : exact(path);
}

interface Variant {
  status: number;
  example?: Example;
  mediaType?: string;
}

function variants(operation: HttpOperation): Variant[] {
  const out: Variant[] = [];
  const ordered = operation.responses
    .map((r) => ({ r, status: statusNumber(r.status) }))
    .filter(
      (x): x is { r: (typeof operation.responses)[number]; status: number } =>
        x.status !== undefined,
    )
    // The default answer first: the lowest 2xx, then the others in order.
    .sort(
      (a, b) =>
        Number(b.status < 300 && b.status >= 200) - Number(a.status < 300 && a.status >= 200) ||
        a.status - b.status,
    );
  for (const { r, status } of ordered) {
    const content = r.contents[0];
    const examples = content?.examples.filter((e) => e.value !== undefined) ?? [];
    if (examples.length === 0) {
      out.push(content ? { status, mediaType: content.mediaType } : { status });
      continue;
    }
    for (const example of examples) {
      out.push(content ? { status, example, mediaType: content.mediaType } : { status, example });
    }
  }
  return out;
}

function operationPairs(operation: HttpOperation): HoverflyPair[] {
  return variants(operation).map((variant, index) => {
    const request: HoverflyRequestMatcher = {
      method: exact(operation.method),
      path: pathMatcher(operation.path),
    };
    if (index > 0) {
      const wants = [`code=${variant.status}`];
      if (variant.example) wants.push(`example=${variant.example.name}`);
      request.headers = { Prefer: [{ matcher: 'glob', value: `*${wants.join(', ')}*` }] };
    }
    const headers: Record<string, string[]> = {};
    if (variant.mediaType && variant.example) headers['Content-Type'] = [variant.mediaType];
    return {
      request,
      response: {
        status: variant.status,
        body: variant.example ? bodyText(variant.example.value) : '',
        headers,
        templated: false,
      },
      labels: [operation.id],
    };
  });
}

// ------------------------------------------------------------------------------- Pact

function regexOf(list: RuleList | undefined): string | undefined {
  if (list?.combine !== 'AND' || list.matchers.length !== 1) return undefined;
  const rule: MatchingRule = list.matchers[0]!;
  return rule.match === 'regex' && typeof rule.regex === 'string' ? rule.regex : undefined;
}

function ruled(rules: Record<string, RuleList> | undefined, name: string): RuleList | undefined {
  if (!rules) return undefined;
  const key = Object.keys(rules).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : rules[key];
}

/** `^...$` so a Hoverfly (searching) regex means what a Pact (whole-value) regex means. */
const anchored = (regex: string): string =>
  `${regex.startsWith('^') ? '' : '^'}${regex}${regex.endsWith('$') ? '' : '$'}`;

function valueMatcher(values: string[], rules: RuleList | undefined): HoverflyMatcher[] {
  const regex = regexOf(rules);
  if (regex !== undefined) return [{ matcher: 'regex', value: anchored(regex) }];
  if (rules && rules.matchers.length > 0) return [{ matcher: 'glob', value: '*' }];
  return exact(values.join(';'));
}

/** The body with every leaf a rule governs removed, for a jsonpartial matcher. */
function literalPart(value: unknown, ruledPaths: Set<string>, path: string): unknown {
  if (ruledPaths.has(path) || ruledPaths.has(`${path}[*]`) || ruledPaths.has(`${path}.*`))
    return undefined;
  if (Array.isArray(value)) return undefined;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const kept = literalPart(v, ruledPaths, `${path}.${k}`);
      if (kept !== undefined) out[k] = kept;
    }
    return out;
  }
  return value;
}

function interactionPair(interaction: PactHttpInteraction): HoverflyPair {
  const r = interaction.request;
  const rules = r.matchingRules ?? {};
  const request: HoverflyRequestMatcher = { method: exact(r.method.toUpperCase()) };
  const pathRegex = regexOf(rules.path?.$ ?? Object.values(rules.path ?? {})[0]);
  request.path =
    pathRegex !== undefined ? [{ matcher: 'regex', value: anchored(pathRegex) }] : exact(r.path);
  if (r.query && Object.keys(r.query).length > 0) {
    request.query = {};
    for (const [name, values] of Object.entries(r.query))
      request.query[name] = valueMatcher(values, ruled(rules.query, name));
  }
  if (r.headers && Object.keys(r.headers).length > 0) {
    request.headers = {};
    for (const [name, values] of Object.entries(r.headers)) {
      // A content type with parameters still matches when the client adds a charset.
      request.headers[name] =
        name.toLowerCase() === 'content-type' && !ruled(rules.header, name)
          ? [{ matcher: 'glob', value: `${values[0]?.split(';')[0] ?? ''}*` }]
          : valueMatcher(values, ruled(rules.header, name));
    }
  }
  const body = r.body;
  if (body && body.content !== undefined && body.content !== null && body.content !== '') {
    if (typeof body.content === 'string')
      request.body = exact(body.encoded === 'base64' ? base64Text(body.content) : body.content);
    else {
      const bodyRules = Object.keys(rules.body ?? {});
      request.body =
        bodyRules.length === 0
          ? [{ matcher: 'json', value: JSON.stringify(body.content) }]
          : [
              {
                matcher: 'jsonpartial',
                value: JSON.stringify(literalPart(body.content, new Set(bodyRules), '$') ?? {}),
              },
            ];
    }
  }
  const res = interaction.response;
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(res.headers ?? {}))
    headers[name] = [values.join(', ')];
  const content = res.body?.content;
  const hasBody = content !== undefined && content !== null;
  if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = [
      res.body?.contentType ?? (typeof content === 'string' ? 'text/plain' : 'application/json'),
    ];
  }
  const response: HoverflyPair['response'] = {
    status: res.status,
    body: hasBody ? bodyText(content) : '',
    headers,
    templated: false,
  };
  if (hasBody && typeof content === 'string' && res.body?.encoded === 'base64') {
    // The model keeps the decoded text in `body` and the bytes in `bodyBytesBase64`.
    response.bodyBytesBase64 = content;
    response.body = base64Text(content);
  }
  const labels = [
    interaction.description,
    ...interaction.providerStates.map((s) => `state:${s.name}`),
  ];
  return { request, response, labels };
}

/**
 * Converts a loaded service (OpenAPI, RAML, pact or Hoverfly) into a Hoverfly v5.3 simulation.
 *
 * @example
 * const sim = toHoverfly(service);
 * writeFileSync('sim.json', JSON.stringify(toHoverflySimulation(sim), null, 2));
 */
export function toHoverfly(service: Service): HoverflySimulation {
  if (service.hoverfly) return structuredClone(service.hoverfly);
  const simulation = emptySimulation();
  for (const operation of service.operations) simulation.pairs.push(...operationPairs(operation));
  for (const interaction of service.interactions)
    simulation.pairs.push(interactionPair(interaction));
  return simulation;
}
