/**
 * k6 duration strings (`'30s'`, `'1m30s'`, `'500ms'`, `'2h'`) to milliseconds. A bare number is
 * taken as seconds, as k6 takes it. Returns `undefined` for anything else, so the caller can say
 * where the bad value was.
 *
 * @example
 * parseDuration('1m30s'); // 90_000
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const unit: Record<string, number> = {
    h: 3_600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
    us: 0.001,
    µs: 0.001,
  };
  let total = 0;
  let rest = text;
  if (rest === '') return undefined;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?)(ms|us|µs|h|m|s)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * unit[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}

/**
 * Milliseconds as a short k6-style duration (`'1m30s'`, `'250ms'`), for messages and k6 scripts.
 *
 * @example
 * formatDuration(90_000); // '1m30s'
 */
export function formatDuration(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${sec || (!h && !m) ? `${sec}s` : ''}`;
}
