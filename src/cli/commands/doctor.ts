import * as path from 'node:path';
import {
  type DoctorReport,
  describeMissingEngine,
  runDoctor,
  type ToolResolution,
} from '../../index.js';
import type { CommandContext } from '../command.js';

function toolLine(
  tool: ToolResolution,
  cwd: string,
  width: number,
  versionWidth: number,
): string[] {
  const name = tool.name.padEnd(width);
  if (!tool.found) {
    return [`  ✗ ${name}  missing: ${tool.problem}`, `    ${' '.repeat(width)}  fix: ${tool.fix}`];
  }
  const where =
    tool.path === undefined
      ? ''
      : path.relative(cwd, tool.path).startsWith('..')
        ? tool.path
        : path.relative(cwd, tool.path);
  const source =
    tool.source === 'env' ? `$${tool.envVar}` : tool.source === 'project' ? 'project bin' : 'PATH';
  const version = (tool.version ?? `unknown version (${tool.versionOutput || 'no output'})`).padEnd(
    versionWidth,
  );
  const pin = tool.matchesPin === false ? `  ≠ pinned ${tool.pinnedVersion}` : '';
  return [`  ✓ ${name}  ${version}  ${where} (${source})${pin}`];
}

function render(report: DoctorReport, cwd: string): string {
  const width = Math.max(...report.tools.map((t) => t.name.length));
  const versionWidth = Math.max(...report.tools.map((t) => t.version?.length ?? 0));
  const docker = report.docker.reachable
    ? `reachable at ${report.docker.endpoint}${report.docker.serverVersion ? ` (server ${report.docker.serverVersion})` : ''}`
    : `not reachable: ${report.docker.reason}${report.docker.cliPath ? ` (the CLI is at ${report.docker.cliPath})` : ''}`;
  const { found, tried } = report.containerEngine;
  const engine = found
    ? `${found.engine} ${found.serverVersion ?? ''} at ${found.dockerHost}${found.cli ? ` (builds with ${found.cli})` : ' (no podman/docker CLI on PATH to build images)'}`
    : `${describeMissingEngine(tried)} (only \`gauntlet image\` and gauntlet/testcontainers need one)`;
  const lines = [
    'Environment',
    `  node    ${report.node.version}`,
    `  npm     ${report.npm.version ?? `missing: ${report.npm.problem}`}`,
    `  go      ${report.go.version ? `${report.go.version} (${report.go.path})` : `missing: ${report.go.problem} (only \`gauntlet setup\` needs it)`}`,
    `  maven   ${report.maven.version ? `${report.maven.version} (${report.maven.path})` : `missing: ${report.maven.problem} (only \`gauntlet setup\` needs it, for Hoverfly)`}`,
    `  docker  ${docker}`,
    `  engine  ${engine}`,
    '',
    'Tools',
    ...report.tools.flatMap((t) => toolLine(t, cwd, width, versionWidth)),
    '',
    report.ok
      ? 'All tools are present.'
      : `Missing: ${report.missing.join(', ')}. Run \`npx gauntlet setup --only ${report.missing.join(',')}\`.`,
    '',
  ];
  return lines.join('\n');
}

/** `gauntlet doctor [--json]`: exit 0 when every tool is present, 1 when one is missing. */
export default async function doctor(ctx: CommandContext): Promise<number> {
  const report = await runDoctor({ projectRoot: ctx.cwd, env: ctx.env });
  if (ctx.values.json === true) {
    ctx.stdout(`${JSON.stringify({ command: 'doctor', ...report }, null, 2)}\n`);
  } else {
    ctx.stdout(render(report, ctx.cwd));
  }
  return report.ok ? 0 : 1;
}
