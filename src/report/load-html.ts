import { allChecks } from '../load/checks.js';
import type { HistogramBin, TimelinePoint } from '../load/metrics.js';
import type { LoadSummary, SummaryMetric } from '../load/summary.js';
import { escapeHtml, formatDuration } from './render-html.js';

// Charts are hand-written SVG rather than a kept chart library: the report needs two static
// charts (lines over time, bars of a histogram), which take ~120 lines here; uPlot or Chart.js
// would add 45–200 KB of script to every file, need JavaScript and a canvas to show anything,
// and print worse. SVG stays crisp when zoomed and is checkable as text in tests.

const W = 900;
const H = 260;
const PAD = { left: 58, right: 16, top: 14, bottom: 34 };

/** 0, a round step, ... at or above `max` (about five ticks). */
function ticks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function fmtMs(ms: number): string {
  if (ms === 0) return '0';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

function axes(
  yTicks: number[],
  yMax: number,
  yLabel: (v: number) => string,
  xLabels: string,
): string {
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (v / yMax) * plotH;
  const grid = yTicks
    .map(
      (v) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/><text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(yLabel(v))}</text>`,
    )
    .join('');
  return `${grid}${xLabels}<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${H - PAD.bottom}" class="axis"/>`;
}

/** p50/p90/p99 of http_req_duration per second, as lines; requests per second as bars below. */
export function latencyOverTimeSvg(points: readonly TimelinePoint[]): string {
  if (points.length === 0) return '<p class="muted">No requests were made.</p>';
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const yTicks = ticks(Math.max(...points.map((p) => p.p99), 0.001));
  const yMax = yTicks.at(-1)!;
  const n = points.length;
  // One band per second: bars fill it, line points sit at its centre.
  const band = plotW / n;
  const x = (i: number) => PAD.left + band * (i + 0.5);
  const y = (v: number) => PAD.top + plotH - (Math.min(v, yMax) / yMax) * plotH;
  // A second in which no request ended is a gap in the lines, not a fall to zero.
  const line = (key: 'p50' | 'p90' | 'p99', cls: string) => {
    const runs: string[][] = [[]];
    points.forEach((p, i) => {
      if (p.requests === 0) runs.push([]);
      else runs.at(-1)!.push(`${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`);
    });
    return runs
      .filter((r) => r.length > 0)
      .map((r) =>
        r.length === 1
          ? `<circle class="${cls}" data-series="${key}" cx="${r[0]!.split(',')[0]}" cy="${r[0]!.split(',')[1]}" r="2.5"/>`
          : `<polyline class="${cls}" data-series="${key}" points="${r.join(' ')}"/>`,
      )
      .join('');
  };
  const every = Math.max(1, Math.ceil(n / 12));
  const xLabels = points
    .filter((_, i) => i % every === 0)
    .map(
      (p, i) =>
        `<text x="${x(i * every).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${p.t}s</text>`,
    )
    .join('');
  const latency = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="latency over time" data-chart="latency-over-time">
${axes(yTicks, yMax, fmtMs, xLabels)}
${line('p99', 's-p99')}${line('p90', 's-p90')}${line('p50', 's-p50')}
<g class="legend"><rect x="${PAD.left + 10}" y="${PAD.top + 2}" width="10" height="3" class="k-p50"/><text x="${PAD.left + 24}" y="${PAD.top + 7}">p50</text><rect x="${PAD.left + 60}" y="${PAD.top + 2}" width="10" height="3" class="k-p90"/><text x="${PAD.left + 74}" y="${PAD.top + 7}">p90</text><rect x="${PAD.left + 110}" y="${PAD.top + 2}" width="10" height="3" class="k-p99"/><text x="${PAD.left + 124}" y="${PAD.top + 7}">p99</text></g>
</svg>`;
  const rTicks = ticks(Math.max(...points.map((p) => p.requests + p.dropped), 1));
  const rMax = rTicks.at(-1)!;
  const barW = Math.max(1, band - 2);
  const ry = (v: number) => PAD.top + plotH - (v / rMax) * plotH;
  const bars = points
    .map((p, i) => {
      const cx = x(i) - barW / 2;
      const ok = p.requests - p.failed;
      return `<rect class="ok" x="${cx.toFixed(1)}" y="${ry(ok).toFixed(1)}" width="${barW.toFixed(1)}" height="${(ry(0) - ry(ok)).toFixed(1)}"><title>${p.t}s: ${p.requests} requests, ${p.failed} failed, ${p.dropped} dropped</title></rect>${
        p.failed > 0
          ? `<rect class="bad" x="${cx.toFixed(1)}" y="${ry(p.requests).toFixed(1)}" width="${barW.toFixed(1)}" height="${(ry(ok) - ry(p.requests)).toFixed(1)}"/>`
          : ''
      }${
        p.dropped > 0
          ? `<rect class="drop" x="${cx.toFixed(1)}" y="${ry(p.requests + p.dropped).toFixed(1)}" width="${barW.toFixed(1)}" height="${(ry(p.requests) - ry(p.requests + p.dropped)).toFixed(1)}"/>`
          : ''
      }`;
    })
    .join('');
  const throughput = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="requests per second" data-chart="throughput">
${axes(rTicks, rMax, (v) => `${v}/s`, xLabels)}
${bars}
<g class="legend"><rect x="${PAD.left + 10}" y="${PAD.top}" width="10" height="8" class="ok"/><text x="${PAD.left + 24}" y="${PAD.top + 8}">ok</text><rect x="${PAD.left + 54}" y="${PAD.top}" width="10" height="8" class="bad"/><text x="${PAD.left + 68}" y="${PAD.top + 8}">failed</text><rect x="${PAD.left + 116}" y="${PAD.top}" width="10" height="8" class="drop"/><text x="${PAD.left + 130}" y="${PAD.top + 8}">dropped</text></g>
</svg>`;
  return `${latency}\n${throughput}`;
}

/** The http_req_duration histogram: log-spaced bins, bar height = requests. */
export function histogramSvg(bins: readonly HistogramBin[]): string {
  if (bins.length === 0) return '<p class="muted">No requests were made.</p>';
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const yTicks = ticks(Math.max(...bins.map((b) => b.count)));
  const yMax = yTicks.at(-1)!;
  const barW = plotW / bins.length;
  const y = (v: number) => PAD.top + plotH - (v / yMax) * plotH;
  const every = Math.max(1, Math.ceil(bins.length / 10));
  const xLabels = bins
    .filter((_, i) => i % every === 0)
    .map((b, j) => {
      const i = j * every;
      return `<text x="${(PAD.left + i * barW).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${escapeHtml(fmtMs(b.from))}</text>`;
    })
    .join('');
  const bars = bins
    .map(
      (b, i) =>
        `<rect class="ok" x="${(PAD.left + i * barW + 1).toFixed(1)}" y="${y(b.count).toFixed(1)}" width="${Math.max(1, barW - 2).toFixed(1)}" height="${(y(0) - y(b.count)).toFixed(1)}"><title>${escapeHtml(fmtMs(b.from))} – ${Number.isFinite(b.to) ? escapeHtml(fmtMs(b.to)) : '∞'}: ${b.count}</title></rect>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="latency histogram" data-chart="histogram">
${axes(yTicks, yMax, (v) => String(v), xLabels)}
${bars}
</svg>`;
}

function metricText(m: SummaryMetric): string {
  const f = (v: number) =>
    m.contains === 'time' ? fmtMs(v) : Number.isInteger(v) ? String(v) : v.toFixed(3);
  switch (m.type) {
    case 'trend':
      return ['avg', 'med', 'p(90)', 'p(95)', 'p(99)', 'max']
        .filter((k) => m.values[k] !== undefined)
        .map((k) => `${k} ${f(m.values[k]!)}`)
        .join(' · ');
    case 'counter':
      return `${m.values.count ?? 0} (${(m.values.rate ?? 0).toFixed(1)}/s)`;
    case 'rate':
      return `${((m.values.rate ?? 0) * 100).toFixed(2)}%`;
    case 'gauge':
      return `${f(m.values.value ?? 0)} (max ${f(m.values.max ?? 0)})`;
  }
}

const CSS = `
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #f6f8fa; }
header { padding: 24px 40px; color: #fff; }
header.passed { background: linear-gradient(120deg, #1a7f37, #2da44e); }
header.failed { background: linear-gradient(120deg, #a40e26, #cf222e); }
header h1 { margin: 0 0 4px; font-size: 24px; }
.verdict { display: inline-block; margin-right: 10px; padding: 2px 12px; border-radius: 999px; background: rgba(255,255,255,.22); font-weight: 700; text-transform: uppercase; }
main { padding: 16px 40px 40px; display: grid; gap: 18px; }
section { background: #fff; border: 1px solid #d0d7de; border-radius: 10px; padding: 12px 18px; }
h2 { font-size: 17px; margin: 4px 0 10px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
td, th { text-align: left; padding: 5px 10px; border-top: 1px solid #eaeef2; vertical-align: top; }
td.num { font-variant-numeric: tabular-nums; }
.ok-t { color: #1a7f37; font-weight: 700; } .bad-t { color: #cf222e; font-weight: 700; } .warn { color: #9a6700; font-weight: 600; }
.muted { color: #59636e; }
svg { width: 100%; height: auto; font: 11px system-ui, sans-serif; fill: #59636e; }
svg .grid { stroke: #eaeef2; } svg .axis { stroke: #8c959f; }
svg polyline { fill: none; stroke-width: 2; }
svg circle.s-p50 { fill: #0969da; } svg circle.s-p90 { fill: #bf8700; } svg circle.s-p99 { fill: #cf222e; }
svg .s-p50 { stroke: #0969da; } svg .s-p90 { stroke: #bf8700; } svg .s-p99 { stroke: #cf222e; }
svg .k-p50 { fill: #0969da; } svg .k-p90 { fill: #bf8700; } svg .k-p99 { fill: #cf222e; }
svg rect.ok { fill: #54aeff; } svg rect.bad { fill: #cf222e; } svg rect.drop { fill: #bf8700; }
`;

/**
 * One suite's run as a self-contained HTML page: verdict, thresholds, checks, the key metrics,
 * latency (p50/p90/p99) and throughput over time, the latency histogram, generator health.
 *
 * @example
 * await writeFile('reports/load/shop.html', renderLoadHtml(summary));
 */
export function renderLoadHtml(summary: LoadSummary): string {
  const g = summary.gauntlet;
  const status = g.failedThresholds.length === 0 && !g.aborted ? 'passed' : 'failed';
  const thresholds = Object.entries(summary.metrics).flatMap(([name, m]) =>
    Object.entries(m.thresholds ?? {}).map(
      ([source, r]) =>
        `<tr data-threshold="${escapeHtml(`${name} ${source}`)}"><td class="${r.ok ? 'ok-t' : 'bad-t'}">${r.ok ? '✓' : '✗'}</td><td><code>${escapeHtml(name)}</code></td><td><code>${escapeHtml(source)}</code></td><td class="num">${escapeHtml(metricText(m))}</td></tr>`,
    ),
  );
  const checks = allChecks(summary.root_group).map(
    (c) =>
      `<tr><td class="${c.fails === 0 ? 'ok-t' : 'bad-t'}">${c.fails === 0 ? '✓' : '✗'}</td><td>${escapeHtml(c.path.replace(/^::/, '').replaceAll('::', ' › '))}</td><td class="num">${c.passes} passed · ${c.fails} failed</td></tr>`,
  );
  const key = [
    'http_reqs',
    'http_req_duration',
    'http_req_failed',
    'iterations',
    'dropped_iterations',
    'http_req_blocked',
    'http_req_waiting',
    'vus_max',
    'data_received',
  ]
    .filter((n) => summary.metrics[n])
    .map(
      (n) =>
        `<tr><td><code>${n}</code></td><td class="num">${escapeHtml(metricText(summary.metrics[n]!))}</td></tr>`,
    );
  const health = g.generator.keptUp
    ? `<p>The generator kept up: schedule lag p99 ${g.generator.scheduleLagP99Ms.toFixed(1)} ms, event-loop delay p99 ${g.generator.eventLoopDelayP99Ms.toFixed(1)} ms, CPU ${Math.round(g.generator.cpu * 100)}% of a core.</p>`
    : `<p class="warn">The generator could not keep up: ${escapeHtml(g.generator.reasons.join('; '))}. The latencies include its own delay; do not read them as the server's.</p>`;
  const errors = g.iterationErrors.length
    ? `<section><h2>Iteration errors</h2><table>${g.iterationErrors.map((e) => `<tr><td class="num">${e.count}×</td><td><code>${escapeHtml(e.message)}</code></td></tr>`).join('')}</table></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>gauntlet load ${escapeHtml(g.suite)}: ${status}</title>
<style>${CSS}</style>
</head>
<body>
<header class="${status}" data-status="${status}">
<h1>gauntlet load · ${escapeHtml(g.suite)}</h1>
<div><span class="verdict">${status}</span>${g.generator.keptUp ? '' : '<span class="verdict" data-generator="behind">generator behind</span>'}${escapeHtml(g.target)} · ${g.engine} engine · ${Object.entries(
    g.scenarios,
  )
    .map(([n, s]) => `${escapeHtml(n)} (${escapeHtml(s.executor)})`)
    .join(
      ', ',
    )} · ${formatDuration(summary.state.testRunDurationMs)}${g.aborted ? ' · aborted' : ''}</div>
</header>
<main>
<section><h2>Thresholds</h2>${thresholds.length ? `<table>${thresholds.join('')}</table>` : '<p class="muted">No thresholds.</p>'}</section>
<section><h2>Latency over time (http_req_duration, from each iteration's intended start)</h2>${latencyOverTimeSvg(g.timeline)}</section>
<section><h2>Latency histogram</h2>${histogramSvg(g.histogram)}</section>
<section><h2>Checks</h2>${checks.length ? `<table>${checks.join('')}</table>` : '<p class="muted">No checks.</p>'}</section>
<section><h2>Metrics</h2><table>${key.join('')}</table></section>
<section><h2>Generator health</h2>${health}</section>
${errors}
</main>
</body>
</html>
`;
}
