import type { Check, CheckStatus, RunSummary, StageResult } from './types.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** `850 ms`, `12.4 s`, `1 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const ICON: Record<CheckStatus, string> = { passed: '✓', failed: '✗', skipped: '–' };

const CSS = `
:root { --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --skip: #6e7781;
  --skip-bg: #eaeef2; --line: #d0d7de; --text: #1f2328; --muted: #59636e; --card: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--text); background: #f6f8fa; }
header { padding: 28px 40px 24px; color: #fff; }
header.passed { background: linear-gradient(120deg, #1a7f37, #2da44e); }
header.failed { background: linear-gradient(120deg, #a40e26, #cf222e); }
header h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; }
header .meta { opacity: .9; font-size: 14px; }
header .verdict { display: inline-block; margin-right: 10px; padding: 2px 12px; border-radius: 999px;
  background: rgba(255,255,255,.22); font-weight: 700; letter-spacing: .04em; text-transform: uppercase; }
nav { display: flex; flex-wrap: wrap; gap: 10px; padding: 16px 40px 0; }
nav a { display: flex; gap: 8px; align-items: center; padding: 8px 14px; border-radius: 8px;
  background: var(--card); border: 1px solid var(--line); color: var(--text); text-decoration: none; }
nav a .dur { color: var(--muted); font-size: 13px; }
main { padding: 16px 40px 40px; display: grid; gap: 18px; }
section.stage { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  overflow: hidden; border-left-width: 6px; }
section.stage.passed { border-left-color: var(--ok); }
section.stage.failed { border-left-color: var(--bad); }
section.stage.skipped { border-left-color: var(--skip); }
.stage-head { display: flex; align-items: baseline; gap: 12px; padding: 14px 18px 6px; flex-wrap: wrap; }
.stage-head h2 { margin: 0; font-size: 18px; }
.stage-head .name { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
.stage-head .dur { margin-left: auto; color: var(--muted); font-size: 14px; }
.summary { padding: 0 18px 12px; color: var(--muted); }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 700;
  text-transform: uppercase; letter-spacing: .04em; }
.badge.passed { color: var(--ok); background: var(--ok-bg); }
.badge.failed { color: var(--bad); background: var(--bad-bg); }
.badge.skipped { color: var(--skip); background: var(--skip-bg); }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
td { padding: 6px 18px; border-top: 1px solid #eaeef2; vertical-align: top; }
td.icon { width: 28px; font-weight: 700; text-align: center; padding-right: 0; }
tr.passed td.icon { color: var(--ok); } tr.failed td.icon { color: var(--bad); } tr.skipped td.icon { color: var(--skip); }
tr.failed { background: #fff8f7; }
td.check { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; width: 42%; word-break: break-word; }
td.msg { color: var(--muted); word-break: break-word; }
tr.failed td.msg { color: var(--bad); }
td.dur { width: 80px; text-align: right; color: var(--muted); white-space: nowrap; }
details summary { cursor: pointer; color: var(--muted); font-size: 12px; }
details pre { margin: 6px 0 0; padding: 8px; max-height: 260px; overflow: auto; background: #f6f8fa;
  border-radius: 6px; font-size: 12px; white-space: pre-wrap; word-break: break-word; }
tr.group td { background: #f6f8fa; font-weight: 650; padding-top: 8px; padding-bottom: 6px; }
tr.group.failed td { color: var(--bad); }
tr.group .count { font-weight: 400; color: var(--muted); font-size: 12px; margin-left: 6px; }
.tally { font-size: 13px; color: var(--muted); }
.tally .t-passed { color: var(--ok); } .tally .t-failed { color: var(--bad); }
footer { padding: 0 40px 30px; color: var(--muted); font-size: 13px; }
`;

function badge(status: CheckStatus): string {
  return `<span class="badge ${status}">${status}</span>`;
}

/**
 * Checks named `group: rest` (a service, a scenario) are shown under a row per group when every
 * check of the stage has a group; file names and the like are listed flat.
 */
function groupOf(name: string): [string, string] | undefined {
  const at = name.indexOf(': ');
  return at > 0 ? [name.slice(0, at), name.slice(at + 2)] : undefined;
}

function renderChecks(checks: readonly Check[]): string {
  const groups = checks.map((c) => groupOf(c.name));
  if (groups.some((g) => g === undefined))
    return checks.map((c) => renderCheck(c, c.name)).join('\n');
  const rows: string[] = [];
  let current: string | undefined;
  for (const [index, check] of checks.entries()) {
    const [group, rest] = groups[index]!;
    if (group !== current) {
      current = group;
      const members = checks.filter((_, i) => groups[i]![0] === group);
      const failed = members.some((c) => c.status === 'failed');
      rows.push(
        `<tr class="group${failed ? ' failed' : ''}"><td colspan="4">${escapeHtml(group)} <span class="count">${members.length} ${members.length === 1 ? 'check' : 'checks'}${failed ? ', some failed' : ''}</span></td></tr>`,
      );
    }
    rows.push(renderCheck(check, rest));
  }
  return rows.join('\n');
}

function tally(checks: readonly Check[]): string {
  const n = { passed: 0, failed: 0, skipped: 0 };
  for (const c of checks) n[c.status]++;
  return `<span class="tally"><span class="t-passed">${n.passed} ✓</span> <span class="t-failed">${n.failed} ✗</span> <span class="t-skipped">${n.skipped} –</span></span>`;
}

function renderCheck(check: Check, label: string): string {
  const details =
    check.details === undefined
      ? ''
      : `<details><summary>details</summary><pre>${escapeHtml(JSON.stringify(check.details, null, 2))}</pre></details>`;
  const duration = check.durationMs === undefined ? '' : formatDuration(check.durationMs);
  return `<tr class="${check.status}"><td class="icon" title="${check.status}">${ICON[check.status]}</td><td class="check" title="${escapeHtml(check.name)}">${escapeHtml(label)}</td><td class="msg">${escapeHtml(check.message ?? '')}${details}</td><td class="dur">${duration}</td></tr>`;
}

function renderStage(stage: StageResult): string {
  const rows = renderChecks(stage.checks);
  return `<section class="stage ${stage.status}" id="stage-${escapeHtml(stage.name)}" data-stage="${escapeHtml(stage.name)}" data-status="${stage.status}">
<div class="stage-head"><h2>${escapeHtml(stage.title)}</h2><span class="name">${escapeHtml(stage.name)}</span>${badge(stage.status)}${tally(stage.checks)}<span class="dur">${formatDuration(stage.durationMs)}</span></div>
<div class="summary">${escapeHtml(stage.summary)}</div>
<table>${rows}</table>
</section>`;
}

/**
 * The run report as one self-contained HTML page (inline CSS, no scripts, no external assets):
 * a header with the overall verdict, a link per stage, and a card per stage listing its checks
 * with their durations; each card is `<section data-stage="name">`.
 *
 * @example
 * await writeFile('reports/index.html', renderHtml(summary));
 */
export function renderHtml(summary: RunSummary, title = 'gauntlet run'): string {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const stage of summary.stages) for (const check of stage.checks) counts[check.status]++;
  const nav = summary.stages
    .map(
      (s) =>
        `<a href="#stage-${escapeHtml(s.name)}">${badge(s.status)} ${escapeHtml(s.title)} <span class="dur">${formatDuration(s.durationMs)}</span></a>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}: ${summary.status}</title>
<style>${CSS}</style>
</head>
<body>
<header class="${summary.status}" data-status="${summary.status}">
<h1>${escapeHtml(title)}</h1>
<div class="meta"><span class="verdict">${summary.status}</span>${summary.stages.length} stages · ${counts.passed} checks passed · ${counts.failed} failed · ${counts.skipped} skipped · ${formatDuration(summary.durationMs)} · started ${escapeHtml(summary.startedAt)}</div>
</header>
<nav>${nav}</nav>
<main>
${summary.stages.map(renderStage).join('\n')}
</main>
<footer>Written by gauntlet run. The same data is in summary.json next to this file.</footer>
</body>
</html>
`;
}
