import type { RunSummary } from './types.js';

function esc(text: string): string {
  // XML 1.0 forbids most control characters, even escaped: drop them (tab, LF, CR stay).
  let clean = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) clean += ch;
  }
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

/**
 * JUnit XML for CI test tabs (GitHub, GitLab, Jenkins): one `<testsuite>` per stage, one
 * `<testcase>` per check; failed checks carry `<failure>`, skipped ones `<skipped>` with the reason.
 *
 * @example
 * await writeFile('reports/junit.xml', renderJunit(summary));
 */
export function renderJunit(summary: RunSummary, name = 'gauntlet'): string {
  const all = summary.stages.flatMap((s) => s.checks);
  const failures = all.filter((c) => c.status === 'failed').length;
  const skipped = all.filter((c) => c.status === 'skipped').length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${esc(name)}" tests="${all.length}" failures="${failures}" skipped="${skipped}" time="${seconds(summary.durationMs)}" timestamp="${esc(summary.startedAt)}">`,
  ];
  for (const stage of summary.stages) {
    const f = stage.checks.filter((c) => c.status === 'failed').length;
    const s = stage.checks.filter((c) => c.status === 'skipped').length;
    lines.push(
      `  <testsuite name="${esc(stage.title)}" id="${esc(stage.name)}" tests="${stage.checks.length}" failures="${f}" skipped="${s}" time="${seconds(stage.durationMs)}">`,
    );
    for (const check of stage.checks) {
      const open = `    <testcase classname="${esc(stage.name)}" name="${esc(check.name)}" time="${seconds(check.durationMs)}"`;
      if (check.status === 'passed') {
        lines.push(`${open}/>`);
      } else if (check.status === 'skipped') {
        lines.push(
          `${open}>`,
          `      <skipped message="${esc(check.message ?? '')}"/>`,
          '    </testcase>',
        );
      } else {
        const message = check.message ?? 'failed';
        lines.push(
          `${open}>`,
          `      <failure message="${esc(message.split('\n')[0] ?? '')}">${esc(message)}</failure>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
