import type { ActivityRun, ChaosJournal } from '../chaos/journal.js';
import { displayStatus } from '../chaos/journal.js';
import { experimentVerdict } from '../chaos/summary.js';
import { escapeHtml, formatDuration } from './render-html.js';

const WIDTH = 960;
const LEFT = 150;
const RIGHT = 20;
const PHASE_COLOURS: Record<string, string> = {
  before: '#8250df',
  method: '#bf8700',
  during: '#0969da',
  after: '#8250df',
  rollbacks: '#1a7f37',
  reset: '#6e7781',
};

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #f6f8fa; }
header { padding: 24px 36px; color: #fff; }
header.passed { background: linear-gradient(120deg, #1a7f37, #2da44e); }
header.failed { background: linear-gradient(120deg, #a40e26, #cf222e); }
header h1 { margin: 0 0 4px; font-size: 24px; }
main { padding: 18px 36px 40px; display: grid; gap: 18px; }
section { background: #fff; border: 1px solid #d0d7de; border-left-width: 6px; border-radius: 10px; padding: 14px 18px; }
section.passed { border-left-color: #1a7f37; } section.failed { border-left-color: #cf222e; }
h2 { margin: 0; font-size: 17px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.file { color: #59636e; font: 12px ui-monospace, Menlo, monospace; }
.badge { padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 700; text-transform: uppercase; }
.badge.completed { color: #1a7f37; background: #dafbe1; }
.badge.deviated, .badge.failed, .badge.aborted, .badge.interrupted { color: #cf222e; background: #ffebe9; }
.verdict { color: #59636e; margin: 4px 0 10px; }
svg text { font: 11px system-ui, sans-serif; fill: #59636e; }
table { width: 100%; border-collapse: collapse; font-size: 13px; margin-top: 8px; }
td, th { padding: 4px 8px; border-top: 1px solid #eaeef2; text-align: left; vertical-align: top; }
td.bad { color: #cf222e; font-weight: 600; } td.ok { color: #1a7f37; }
code { font: 12px ui-monospace, Menlo, monospace; }
`;

const ms = (iso: string, start: number): number => Date.parse(iso) - start;

/** The toxics of a run as bars: from their `add` mark to their removal or the final reset. */
function toxicBars(journal: ChaosJournal, end: number) {
  const bars: Array<{ label: string; from: number; to: number; kind: string }> = [];
  const open = new Map<string, { label: string; from: number; kind: string }>();
  for (const mark of journal.gauntlet.timeline) {
    const key = mark.toxic === undefined ? `${mark.proxy}` : `${mark.proxy}/${mark.toxic}`;
    if (mark.kind === 'add' || mark.kind === 'disable') {
      open.set(key, {
        label: mark.kind === 'disable' ? `${mark.proxy} disabled` : mark.label.slice(2),
        from: mark.at,
        kind: mark.kind,
      });
    } else if (mark.kind === 'remove' || mark.kind === 'enable') {
      const bar = open.get(key);
      if (bar) bars.push({ ...bar, to: mark.at });
      open.delete(key);
    } else if (mark.kind === 'reset') {
      for (const bar of open.values()) bars.push({ ...bar, to: mark.at });
      open.clear();
    }
  }
  for (const bar of open.values()) bars.push({ ...bar, to: end });
  return bars;
}

function timeline(journal: ChaosJournal): string {
  const start = Date.parse(journal.start);
  const total = Math.max(1, journal.duration * 1000);
  const x = (t: number) =>
    LEFT + (Math.max(0, Math.min(t, total)) / total) * (WIDTH - LEFT - RIGHT);
  const runs: ActivityRun[] = [
    ...(journal.steady_states.before?.probes ?? []),
    ...journal.steady_states.during.flatMap((s) => s.probes),
    ...journal.run,
    ...(journal.steady_states.after?.probes ?? []),
    ...journal.rollbacks,
  ];
  const bars = toxicBars(journal, total);
  const parts: string[] = [];
  let y = 10;
  // Toxic lanes.
  parts.push(`<text x="8" y="${y + 12}">toxics</text>`);
  if (bars.length === 0) parts.push(`<text x="${LEFT}" y="${y + 12}">none</text>`);
  for (const bar of bars) {
    const width = Math.max(2, x(bar.to) - x(bar.from));
    parts.push(
      `<rect class="toxic" x="${x(bar.from).toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="16" rx="3" fill="${bar.kind === 'disable' ? '#cf222e' : '#fb8500'}" opacity=".85"><title>${escapeHtml(bar.label)}</title></rect>`,
      `<text x="${(x(bar.from) + 4).toFixed(1)}" y="${y + 12}" style="fill:#fff;font-weight:600">${escapeHtml(bar.label.slice(0, Math.max(0, Math.floor(width / 6))))}</text>`,
    );
    y += 20;
  }
  y = Math.max(y, 30) + 6;
  // Activities by phase.
  parts.push(`<text x="8" y="${y + 12}">activities</text>`);
  for (const run of runs) {
    const from = x(ms(run.start, start));
    const to = Math.max(from + 3, x(ms(run.end, start)));
    const bad = run.status === 'failed' || run.tolerance_met === false;
    parts.push(
      `<rect class="activity ${bad ? 'bad' : 'ok'}" x="${from.toFixed(1)}" y="${y}" width="${(to - from).toFixed(1)}" height="14" rx="2" fill="${PHASE_COLOURS[run.phase] ?? '#6e7781'}" stroke="${bad ? '#cf222e' : 'none'}" stroke-width="2"><title>${escapeHtml(`${run.phase} ${run.activity.type} ${run.activity.name}: ${bad ? 'out of tolerance / failed' : 'ok'} (${Math.round(run.duration * 1000)} ms)`)}</title></rect>`,
    );
    if (run.activity.type === 'probe') {
      parts.push(
        `<circle class="probe ${bad ? 'bad' : 'ok'}" cx="${to.toFixed(1)}" cy="${y + 24}" r="4" fill="${bad ? '#cf222e' : '#1a7f37'}"><title>${escapeHtml(run.activity.name)}</title></circle>`,
      );
    }
  }
  y += 36;
  // Request latency scatter.
  const samples = journal.gauntlet.requests;
  const plotHeight = 120;
  const maxMs = Math.max(100, ...samples.map((s) => s.ms));
  const yOf = (v: number) => y + plotHeight - (v / maxMs) * plotHeight;
  parts.push(
    `<text x="8" y="${y + 12}">request latency</text>`,
    `<text x="8" y="${y + 28}">0–${Math.round(maxMs)} ms</text>`,
    `<line x1="${LEFT}" y1="${y + plotHeight}" x2="${WIDTH - RIGHT}" y2="${y + plotHeight}" stroke="#d0d7de"/>`,
    `<line x1="${LEFT}" y1="${y}" x2="${LEFT}" y2="${y + plotHeight}" stroke="#d0d7de"/>`,
  );
  for (const sample of samples) {
    const failed = sample.status === 'error' || sample.status >= 500;
    parts.push(
      `<circle class="request" cx="${x(sample.at + sample.ms).toFixed(1)}" cy="${yOf(sample.ms).toFixed(1)}" r="3" fill="${failed ? '#cf222e' : '#0969da'}" opacity=".8"><title>${escapeHtml(`${sample.probe}: ${sample.status} in ${sample.ms} ms`)}</title></circle>`,
    );
  }
  if (samples.length === 0) {
    parts.push(`<text x="${LEFT + 8}" y="${y + plotHeight / 2}">no probe requests recorded</text>`);
  }
  y += plotHeight + 18;
  // Time axis.
  for (let i = 0; i <= 5; i++) {
    const t = (total / 5) * i;
    parts.push(
      `<text x="${x(t).toFixed(1)}" y="${y}" text-anchor="middle">${(t / 1000).toFixed(1)} s</text>`,
    );
  }
  return `<svg class="timeline" viewBox="0 0 ${WIDTH} ${y + 6}" width="100%" role="img" aria-label="timeline of ${escapeHtml(journal.experiment.title)}">${parts.join('')}</svg>`;
}

function activityRows(journal: ChaosJournal): string {
  const runs = [
    ...(journal.steady_states.before?.probes ?? []),
    ...journal.run,
    ...(journal.steady_states.after?.probes ?? []),
    ...journal.rollbacks,
  ];
  return runs
    .map((run) => {
      const bad = run.status === 'failed' || run.tolerance_met === false;
      const result =
        run.status === 'failed'
          ? `failed: ${run.exception ?? ''}`
          : run.tolerance_met === false
            ? 'out of tolerance'
            : run.tolerance_met === true
              ? 'within tolerance'
              : 'ok';
      const output = run.output === undefined ? '' : JSON.stringify(run.output).slice(0, 240);
      return `<tr><td>${run.phase}</td><td>${escapeHtml(run.activity.name)}</td><td class="${bad ? 'bad' : 'ok'}">${escapeHtml(result)}</td><td><code>${escapeHtml(output)}</code></td><td>${Math.round(run.duration * 1000)} ms</td></tr>`;
    })
    .join('');
}

/**
 * The chaos report: per experiment its status, a timeline (toxics on the time axis, each
 * activity by phase with probe results, the latency of every probe request) and the activity
 * table. Self-contained HTML (inline SVG and CSS).
 *
 * @example
 * await writeFile('reports/chaos/index.html', renderChaosHtml(journals));
 */
export function renderChaosHtml(
  journals: readonly ChaosJournal[],
  title = 'Chaos experiments',
): string {
  const passed = journals.every((j) => j.status === 'completed' && !j.deviated);
  const sections = journals
    .map((j) => {
      const status = displayStatus(j);
      const ok = j.status === 'completed' && !j.deviated;
      return `<section class="experiment ${ok ? 'passed' : 'failed'}"><h2>${escapeHtml(j.experiment.title)} <span class="badge ${status}">${status}</span> <span class="file">${escapeHtml(j.file)} · ${formatDuration(j.duration * 1000)}</span></h2><div class="verdict">${escapeHtml(experimentVerdict(j))}</div>${timeline(j)}<table><tr><th>phase</th><th>activity</th><th>result</th><th>output</th><th>time</th></tr>${activityRows(j)}</table></section>`;
    })
    .join('\n');
  const count = journals.filter((j) => !(j.status === 'completed' && !j.deviated)).length;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head><body><header class="${passed ? 'passed' : 'failed'}"><h1>${escapeHtml(title)}</h1><div>${journals.length} experiments, ${count} deviated or failed</div></header><main>${sections}</main></body></html>\n`;
}
