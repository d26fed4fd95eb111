// One rule for tests that need a program Gauntlet does not ship (Chromium, Hoverfly, Podman,
// Chaos Toolkit, Schemathesis…): where it is installed the suite runs; on a developer's machine
// without it the suite is skipped with the reason and the install step in its name; in CI
// (`CI` set, where `.ci/run` installs everything) a missing program is a failure, never a skip.
import { describe, it } from 'vitest';

export interface Requirement {
  /** What is needed, as a person would say it: "Hoverfly", "a Docker-compatible engine". */
  readonly name: string;
  readonly available: boolean;
  /** The step that installs it, e.g. "node bin/gauntlet.js setup" or "apt-get install -y chromium". */
  readonly install: string;
}

/**
 * `describe(title, body)` when the requirement is met; otherwise a skip that says why (locally)
 * or a failing test that says what is missing (in CI).
 *
 * @example
 * describeNeeding({ name: 'Hoverfly', available: existsSync(bin), install: 'npm run setup' },
 *   'real Hoverfly answers like Gauntlet', () => { it('…', async () => {}) });
 */
export function describeNeeding(requirement: Requirement, title: string, body: () => void): void {
  if (requirement.available) {
    describe(title, body);
    return;
  }
  const reason = `${requirement.name} is missing (install: ${requirement.install})`;
  if (process.env.CI) {
    describe(title, () => {
      it(`needs ${requirement.name}`, () => {
        throw new Error(`${reason}; .ci/run must install it`);
      });
    });
    return;
  }
  describe.skip(`${title} — skipped: ${reason}`, body);
}
