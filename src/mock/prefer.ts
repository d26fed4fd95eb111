/** What a client asked for with the `Prefer` header (Prism's mock controls). */
export interface Preferences {
  code?: string;
  example?: string;
  dynamic?: boolean;
}

/** Parses `Prefer: code=404, example=notFound, dynamic=true` (`,` or `;` separated). */
export function parsePrefer(header: string | undefined): Preferences | undefined {
  if (header === undefined || header === '') return undefined;
  const out: Preferences = {};
  let any = false;
  for (const part of header.split(/[,;]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1);
    if (key === 'code') {
      out.code = value;
      any = true;
    } else if (key === 'example') {
      out.example = value;
      any = true;
    } else if (key === 'dynamic') {
      out.dynamic = value === 'true';
      any = true;
    }
  }
  return any ? out : undefined;
}
