import type { CompatReport } from './check-compat.js';

/**
 * The compat report for people: one line per consumer → provider pair, then each finding under
 * it (`severity code [interaction #i] message (at location)`), then the unpaired pacts.
 *
 * @example
 * stdout.write(formatCompatText(report));
 */
export function formatCompatText(report: CompatReport): string {
  const lines: string[] = [];
  for (const pair of report.pairs) {
    const errors = pair.findings.filter((f) => f.severity === 'error').length;
    const warnings = pair.findings.filter((f) => f.severity === 'warning').length;
    const verdict = pair.passed ? 'ok' : 'FAILED';
    const counts = [`${pair.interactions} interaction${pair.interactions === 1 ? '' : 's'}`];
    if (errors > 0) counts.push(`${errors} error${errors === 1 ? '' : 's'}`);
    if (warnings > 0) counts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
    if (pair.messagesSkipped > 0) {
      counts.push(
        `${pair.messagesSkipped} message(s) not comparable with OpenAPI (checked by verify)`,
      );
    }
    lines.push(
      `${verdict}  ${pair.consumer} → ${pair.provider}  ${pair.pactFile} vs ${pair.specFile}: ${counts.join(', ')}`,
    );
    for (const f of pair.findings) {
      lines.push(`  ${f.severity}  ${f.code}  ${f.message}${f.path ? ` (at ${f.path})` : ''}`);
    }
  }
  for (const u of report.unpaired) {
    lines.push(`skipped  ${u.consumer} → ${u.provider}  ${u.pactFile}: ${u.reason}`);
  }
  for (const d of report.diagnostics) lines.push(`${d.severity}  ${d.code}  ${d.message}`);
  const failed = report.pairs.filter((p) => !p.passed).length;
  lines.push(
    report.passed
      ? `compat: ${report.pairs.length} pact(s) compatible with their provider spec`
      : `compat: ${failed} of ${report.pairs.length} pact(s) use the provider spec in ways it does not allow`,
  );
  return `${lines.join('\n')}\n`;
}
