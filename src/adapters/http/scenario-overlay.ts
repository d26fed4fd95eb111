import { GauntletError } from '../../errors.js';
import type { HostScenarios } from '../../mock/host/create-mock-host.js';
import { compileScenarios } from '../../mock/scenarios/compile-scenarios.js';
import { formatLocation, type Service } from '../../model/index.js';
import { loadScenarioPaths } from '../fs/load-scenario-paths.js';

/**
 * The scenario files under `paths` compiled for one mock: on a shared port each scenario's stubs
 * sit under its service's `/<name>`, as the contract does. Undefined when there are none.
 * Throws GAUNTLET_E_MOCK_SCENARIO_INVALID listing every problem with file:line, and
 * GAUNTLET_E_USAGE when the scenarios cannot be placed: a service the mock does not serve, or
 * several services on ports of their own (scenarios are asked before every port's contract).
 *
 * @example
 * const scenarios = await scenarioOverlay(['mocks/'], { cwd, services, separatePorts: false });
 */
export async function scenarioOverlay(
  paths: readonly string[],
  options: { cwd: string; services: readonly Service[]; separatePorts: boolean; seed?: number },
): Promise<HostScenarios | undefined> {
  const loaded = await loadScenarioPaths(paths, options.cwd);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    // The messages name the JSON pointer already: the location adds the line.
    const lines = errors.map(
      (d) => `${formatLocation(d.location).replace(/#.*$/, '')}: ${d.message}`,
    );
    throw new GauntletError(
      'GAUNTLET_E_MOCK_SCENARIO_INVALID',
      `Failed to start the mock: because ${errors.length === 1 ? 'a scenario file has a problem' : `the scenario files have ${errors.length} problems`}:\n  ${lines.join('\n  ')}`,
      {
        hint: 'Fix the scenario files at the lines shown (the docs: Reference → File formats → Scenarios).',
        ...(errors[0]?.location ? { location: errors[0].location } : {}),
      },
    );
  }
  if (loaded.definitions.length === 0) return undefined;
  const names = options.services.map((s) => s.name);
  if (options.separatePorts && names.length > 1) {
    throw new GauntletError(
      'GAUNTLET_E_USAGE',
      `Failed to start the mock: because the scenarios of ${loaded.files.join(', ')} would answer on the port of every service, and ${names.join(', ')} each have their own.`,
      { hint: 'Serve the services on one port (drop --ports), or start one mock per service.' },
    );
  }
  if (!options.separatePorts) {
    for (const definition of loaded.definitions) {
      if (definition.service !== undefined && !names.includes(definition.service)) {
        throw new GauntletError(
          'GAUNTLET_E_USAGE',
          `Failed to start the mock: because the scenario '${definition.name}' belongs to the service '${definition.service}', which this mock does not serve (it serves ${names.join(', ')}).`,
          {
            hint: `Add ${definition.service}'s contract to the paths, or correct the scenario's service.`,
          },
        );
      }
    }
  }
  const mounts = Object.fromEntries(
    options.services.map((s) => [s.name, options.separatePorts ? '' : `/${s.name}`]),
  );
  return compileScenarios(loaded.definitions, {
    files: loaded.bodies,
    mounts,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}
