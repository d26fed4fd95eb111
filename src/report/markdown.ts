import type { RunSummary } from './types.js';

const ICON = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * A markdown summary for `$GITHUB_STEP_SUMMARY`, a GitLab MR note or a PR comment: one table row
 * per stage, then every failed or skipped check with its message.
 *
 * @example
 * await appendFile(process.env.GITHUB_STEP_SUMMARY, renderMarkdown(summary, 'gauntlet ci'));
 */
export function renderMarkdown(summary: RunSummary, title = 'Gauntlet'): string {
  const lines = [
    `## ${ICON[summary.status]} ${title}: ${summary.status}`,
    '',
    `Took ${(summary.durationMs / 1000).toFixed(1)} s.`,
    '',
    '| stage | status | summary | time |',
    '|---|---|---|---|',
  ];
  for (const s of summary.stages) {
    lines.push(
      `| ${cell(s.title)} | ${ICON[s.status]} ${s.status} | ${cell(s.summary)} | ${(s.durationMs / 1000).toFixed(1)} s |`,
    );
  }
  lines.push('');
  for (const s of summary.stages) {
    const notable = s.checks.filter((c) => c.status !== 'passed');
    if (notable.length === 0) continue;
    lines.push(`### ${ICON[s.status]} ${s.title}`, '');
    for (const c of notable)
      lines.push(
        `- ${ICON[c.status]} **${cell(c.name)}**${c.message ? `: ${cell(c.message)}` : ''}`,
      );
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
