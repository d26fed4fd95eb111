import type { SpecChange } from './changes.js';

/**
 * What fails a diff: `breaking` = any error-level change (oasdiff's own rule);
 * `consumers` = only error-level changes that break a consumer pact, or that no pact can vouch
 * for (`unknown`): a removed field nobody reads does not block the merge.
 */
export type DiffFailOn = 'breaking' | 'consumers';

export interface DiffReport {
  base: string;
  head: string;
  /** The provider the spec describes (service name), used to find its consumers' pacts. */
  provider: string;
  failOn: DiffFailOn;
  changes: SpecChange[];
  counts: { breaking: number; warnings: number; info: number; breakingForConsumers: number };
  passed: boolean;
}

/**
 * Counts changes and decides pass/fail.
 *
 * @example
 * const report = buildDiffReport({ base, head, provider: 'inventory', changes, failOn: 'breaking' });
 * process.exitCode = report.passed ? 0 : 1;
 */
export function buildDiffReport(input: {
  base: string;
  head: string;
  provider: string;
  changes: SpecChange[];
  failOn: DiffFailOn;
}): DiffReport {
  const errors = input.changes.filter((c) => c.severity === 'error');
  const forConsumers = errors.filter((c) => c.impact?.verdict !== 'safe');
  const counts = {
    breaking: errors.length,
    warnings: input.changes.filter((c) => c.severity === 'warning').length,
    info: input.changes.filter((c) => c.severity === 'info').length,
    breakingForConsumers: errors.filter((c) => c.impact?.verdict === 'breaks').length,
  };
  const passed = input.failOn === 'breaking' ? errors.length === 0 : forConsumers.length === 0;
  return { ...input, counts, passed };
}

const LABEL = { error: 'BREAKING', warning: 'warning', info: 'info' } as const;

function impactText(c: SpecChange): string {
  if (!c.impact) return '';
  const tag =
    c.impact.verdict === 'breaks'
      ? 'breaks consumers'
      : c.impact.verdict === 'safe'
        ? 'safe for current consumers'
        : 'consumers unknown';
  return `${tag}: ${c.impact.reason}`;
}

/** One line per change, the consumers it breaks under it, and a verdict line. */
export function formatDiffText(report: DiffReport, options: { info?: boolean } = {}): string {
  const lines = [`diff ${report.base} → ${report.head} (${report.provider})`];
  for (const c of report.changes) {
    if (c.severity === 'info' && options.info !== true) continue;
    const op = c.method && c.path ? `${c.method} ${c.path}  ` : '';
    lines.push(
      `  ${LABEL[c.severity]}  ${op}${c.text}  [${c.id}]${c.source ? `  ${c.source}` : ''}`,
    );
    if (c.impact) lines.push(`      ${impactText(c)}`);
    for (const consumer of c.impact?.consumers ?? []) {
      for (const i of consumer.interactions) lines.push(`      - ${consumer.consumer}: ${i}`);
    }
  }
  const { breaking, warnings, info, breakingForConsumers } = report.counts;
  lines.push(
    `${report.passed ? 'ok' : 'FAILED'}: ${breaking} breaking (${breakingForConsumers} breaking current consumers), ${warnings} warning(s), ${info} other change(s)${report.passed || report.failOn === 'breaking' ? '' : ' — failing on consumer-breaking changes'}`,
  );
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A markdown section for a pull-request comment or `$GITHUB_STEP_SUMMARY`. */
export function formatDiffMarkdown(report: DiffReport): string {
  const { breaking, warnings, info, breakingForConsumers } = report.counts;
  const icon = report.passed ? '✅' : '❌';
  const lines = [
    `### ${icon} API diff: \`${report.provider}\``,
    '',
    `\`${report.base}\` → \`${report.head}\`: **${breaking} breaking** (${breakingForConsumers} breaking current consumers), ${warnings} warning(s), ${info} other change(s).`,
    '',
  ];
  const shown = report.changes.filter((c) => c.severity !== 'info');
  if (shown.length > 0) {
    lines.push('| level | operation | change | for whom |', '|---|---|---|---|');
    for (const c of shown) {
      const op = c.method && c.path ? `\`${c.method} ${c.path}\`` : '';
      lines.push(`| ${LABEL[c.severity]} | ${op} | ${cell(c.text)} | ${cell(impactText(c))} |`);
    }
    lines.push('');
  }
  const others = report.changes.filter((c) => c.severity === 'info');
  if (others.length > 0) {
    lines.push('<details><summary>Other changes</summary>', '');
    for (const c of others)
      lines.push(`- ${c.method && c.path ? `\`${c.method} ${c.path}\` ` : ''}${cell(c.text)}`);
    lines.push('', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}
