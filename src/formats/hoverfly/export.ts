import type {
  HoverflyMatcher,
  HoverflyPair,
  HoverflyRequestMatcher,
  HoverflyResponse,
  HoverflySimulation,
} from '../../model/index.js';

type Json = Record<string, unknown>;

function matcherJson(m: HoverflyMatcher): Json {
  const out: Json = {
    matcher: m.matcher,
    value: m.matcher === 'form' ? mapJson(m.value as Record<string, HoverflyMatcher[]>) : m.value,
  };
  if (m.config) out.config = { ...m.config };
  if (m.doMatch) out.doMatch = matcherJson(m.doMatch);
  return out;
}

function mapJson(map: Record<string, HoverflyMatcher[]>): Json {
  const out: Json = {};
  for (const [key, list] of Object.entries(map)) out[key] = list.map(matcherJson);
  return out;
}

function requestJson(request: HoverflyRequestMatcher): Json {
  const out: Json = {};
  for (const field of ['path', 'method', 'destination', 'scheme'] as const) {
    const list = request[field];
    if (list) out[field] = list.map(matcherJson);
  }
  // The model lifts form matchers out of `body`; Hoverfly wants them back as a body matcher.
  const body = [...(request.body ?? []).map(matcherJson)];
  if (request.form) body.push({ matcher: 'form', value: mapJson(request.form) });
  if (body.length > 0) out.body = body;
  if (request.headers) out.headers = mapJson(request.headers);
  if (request.query) out.query = mapJson(request.query);
  if (request.requiresState) out.requiresState = { ...request.requiresState };
  return out;
}

function responseJson(response: HoverflyResponse): Json {
  const out: Json = { status: response.status };
  if (response.bodyFile !== undefined) {
    out.body = '';
    out.bodyFile = response.bodyFile;
    out.encodedBody = response.bodyBytesBase64 !== undefined;
  } else if (response.bodyBytesBase64 !== undefined) {
    out.body = response.bodyBytesBase64;
    out.encodedBody = true;
  } else {
    out.body = response.body;
    out.encodedBody = false;
  }
  const headers: Json = {};
  for (const [name, values] of Object.entries(response.headers)) headers[name] = [...values];
  out.headers = headers;
  out.templated = response.templated;
  if (response.transitionsState) out.transitionsState = { ...response.transitionsState };
  if (response.removesState) out.removesState = [...response.removesState];
  if (response.fixedDelay !== undefined) out.fixedDelay = response.fixedDelay;
  if (response.logNormalDelay) {
    const { min, max, mean, median } = response.logNormalDelay;
    out.logNormalDelay = { min, max, mean, median };
  }
  if (response.postServeAction !== undefined) out.postServeAction = response.postServeAction;
  return out;
}

function pairJson(pair: HoverflyPair): Json {
  const out: Json = { request: requestJson(pair.request), response: responseJson(pair.response) };
  if (pair.labels) out.labels = [...pair.labels];
  return out;
}

/**
 * Writes a simulation from the model as Hoverfly schema v5.3 JSON data, with a fixed key order
 * (so exports diff cleanly). Body files are referenced, not inlined: the file is expected to sit
 * where the simulation named it.
 *
 * @example
 * const text = JSON.stringify(toHoverflySimulation(service.hoverfly), null, 2);
 */
export function toHoverflySimulation(sim: HoverflySimulation): unknown {
  const data: Json = {
    pairs: sim.pairs.map(pairJson),
    globalActions: {
      delays: sim.globalActions.delays.map((d) => ({
        urlPattern: d.urlPattern,
        httpMethod: d.httpMethod ?? '',
        delay: d.delay,
      })),
      delaysLogNormal: sim.globalActions.delaysLogNormal.map((d) => ({
        urlPattern: d.urlPattern,
        httpMethod: d.httpMethod ?? '',
        min: d.min,
        max: d.max,
        mean: d.mean,
        median: d.median,
      })),
    },
  };
  if (sim.literals) data.literals = sim.literals.map((l) => ({ name: l.name, value: l.value }));
  if (sim.variables) {
    data.variables = sim.variables.map((v) => ({
      name: v.name,
      function: v.function,
      ...(v.arguments ? { arguments: [...v.arguments] } : {}),
    }));
  }
  const meta: Json = { schemaVersion: 'v5.3' };
  if (sim.meta.hoverflyVersion !== undefined) meta.hoverflyVersion = sim.meta.hoverflyVersion;
  if (sim.meta.timeExported !== undefined) meta.timeExported = sim.meta.timeExported;
  return { data, meta };
}
