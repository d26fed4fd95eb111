import { describe, expect, it } from 'vitest';
import { parseDuration, parseVerifierResult, stripAnsi } from './parse-verifier-result.js';

/** The shape pactffi_verifier_json gives for one pact with a passing and a failing interaction. */
const coreResult = {
  errors: [
    {
      interaction:
        'Verifying a pact between orders and inventory Given reservation r-1 exists - a request to release reservation r-1',
      mismatch: {
        interactionId: '',
        mismatches: [
          {
            actual: 500,
            expected: 204,
            mismatch: 'expected 204 but was 500',
            type: 'StatusMismatch',
          },
        ],
        type: 'mismatches',
      },
    },
  ],
  interactionResults: [
    { description: 'a request to release reservation r-1', duration: '79ms', result: 'Error' },
    { description: 'a request to reserve 2 units of abc', duration: '1s 28ms', result: 'OK' },
  ],
  notices: [{ text: 'The pact is pending.', when: 'before_verification' }],
  output: [
    '\nVerifying a pact between \u001b[1morders\u001b[0m and \u001b[1minventory\u001b[0m',
    '',
    '  a request to release reservation r-1 (0s loading, 79ms verification)',
    '  a request to reserve 2 units of abc (0s loading, 28ms verification)',
  ],
  pendingErrors: [],
  result: false,
};

describe('parseVerifierResult', () => {
  it('reports each interaction with its consumer, status and the core mismatches', () => {
    const report = parseVerifierResult(JSON.stringify(coreResult), {
      provider: 'inventory',
      durationMs: 12,
    });
    expect(report.interactions).toEqual([
      {
        consumer: 'orders',
        description: 'a request to release reservation r-1',
        status: 'failed',
        mismatches: [
          {
            type: 'StatusMismatch',
            message: 'expected 204 but was 500',
            expected: 204,
            actual: 500,
          },
        ],
        durationMs: 79,
      },
      {
        consumer: 'orders',
        description: 'a request to reserve 2 units of abc',
        status: 'passed',
        mismatches: [],
        durationMs: 1028,
      },
    ]);
    expect(report.passed).toBe(false);
    expect(report.notices).toEqual(['The pact is pending.']);
    expect(report.output.slice(0, 2)).toEqual([
      '',
      'Verifying a pact between orders and inventory',
    ]);
  });

  it('marks failures listed as pendingErrors as pending, which do not fail the run', () => {
    const pendingResult = {
      ...coreResult,
      pendingErrors: coreResult.errors,
      errors: [],
      result: true,
    };
    const report = parseVerifierResult(JSON.stringify(pendingResult), {
      provider: 'inventory',
      durationMs: 1,
    });
    expect(report.interactions.map((i) => i.status)).toEqual(['pending', 'passed']);
    expect(report.passed).toBe(true);
  });

  it('turns a result that is not JSON into a core-error diagnostic', () => {
    const report = parseVerifierResult('Pact core crashed', { provider: 'x', durationMs: 0 });
    expect(report.passed).toBe(false);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['verify.pact.core-error']);
  });

  it('reports a failure outside any interaction (no pacts) as an error diagnostic', () => {
    const empty = {
      errors: [],
      interactionResults: [],
      output: [],
      pendingErrors: [],
      result: false,
    };
    const report = parseVerifierResult(JSON.stringify(empty), { provider: 'x', durationMs: 0 });
    expect(report.passed).toBe(false);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['verify.pact.core-error']);
  });

  it('uses the consumerOf fallback when the printout does not name the pact', () => {
    const bare = { ...coreResult, output: [], errors: [], result: true };
    const report = parseVerifierResult(JSON.stringify(bare), {
      provider: 'inventory',
      durationMs: 0,
      consumerOf: () => 'gateway',
    });
    expect(report.interactions.map((i) => i.consumer)).toEqual(['gateway', 'gateway']);
    // The core said "Error" but gave no mismatch: still a failure, with a reason.
    expect(report.interactions[0]?.mismatches).toEqual([
      { type: 'Error', message: 'The core reported Error.' },
    ]);
  });
});

describe('helpers', () => {
  it('parses core durations and strips colours', () => {
    expect([parseDuration('148ms'), parseDuration('2s 5ms'), parseDuration('n/a')]).toEqual([
      148,
      2005,
      undefined,
    ]);
    expect(stripAnsi('\u001b[31mFAILED\u001b[0m')).toBe('FAILED');
  });
});
