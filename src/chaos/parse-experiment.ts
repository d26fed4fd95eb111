import { GauntletError } from '../errors.js';
import { parseJsonOrYaml } from '../formats/parse.js';
import { formatLocation, type SourceLocation } from '../model/diagnostic.js';
import type { Experiment } from './experiment.js';
import { type ExperimentProblem, validateExperiment } from './validate-experiment.js';

/** An experiment read from a file, with a way back from a JSON pointer to file:line. */
export interface LoadedExperiment {
  file: string;
  experiment: Experiment;
  locate(pointer: string): SourceLocation;
}

/** The experiment error for problems found in a file: every problem, each as file:line. */
export function experimentError(
  file: string,
  problems: readonly ExperimentProblem[],
  locate: (pointer: string) => SourceLocation,
): GauntletError {
  const lines = problems.map((p) => {
    const where = formatLocation({ ...locate(p.pointer), pointer: undefined } as SourceLocation);
    return `${where || file}: ${p.message}`;
  });
  const first = problems[0];
  return new GauntletError(
    'GAUNTLET_E_CHAOS_EXPERIMENT',
    `Failed to load the chaos experiment ${file}: because ${lines.length === 1 ? lines[0] : `of ${lines.length} problems:\n  ${lines.join('\n  ')}`}`,
    {
      hint: 'Fix the experiment at the line shown; docs/chaos.md lists the providers, functions and tolerances Gauntlet runs.',
      ...(first ? { location: locate(first.pointer) } : {}),
    },
  );
}

/**
 * Parses and checks one experiment file (YAML or JSON, Chaos Toolkit's format). Every problem —
 * syntax, an unknown provider or function, a missing argument, a tolerance of the wrong shape —
 * is reported with its file:line in one GAUNTLET_E_CHAOS_EXPERIMENT error.
 *
 * @example
 * const { experiment } = parseExperiment('chaos/slow-inventory.yaml', text);
 */
export function parseExperiment(file: string, text: string): LoadedExperiment {
  const parsed = parseJsonOrYaml(file, text);
  if (!parsed.ok) {
    const first = parsed.diagnostics[0];
    throw new GauntletError(
      'GAUNTLET_E_CHAOS_EXPERIMENT',
      `Failed to load the chaos experiment ${file}: because ${formatLocation(first?.location) || file}: ${first?.message ?? 'it does not parse'}`,
      {
        hint: 'Fix the YAML/JSON syntax at the line shown.',
        ...(first?.location ? { location: first.location } : {}),
      },
    );
  }
  return fromValue(file, parsed.document.value, parsed.document.locate);
}

/** Checks an experiment given as a value (a `defineExperiment` default export). */
export function fromValue(
  file: string,
  value: unknown,
  locate: (pointer: string) => SourceLocation = (pointer) => ({ file, pointer }),
): LoadedExperiment {
  const problems = validateExperiment(value);
  if (problems.length > 0) throw experimentError(file, problems, locate);
  return { file, experiment: value as Experiment, locate };
}
