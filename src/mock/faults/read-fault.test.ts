import { describe, expect, it } from 'vitest';
import { readDelaySpec, readFaultSpec } from './read-fault.js';

describe('readFaultSpec', () => {
  it('reads kind names and objects, with defaults for the drip', () => {
    expect(readFaultSpec('empty-reply', '/f')).toEqual({
      fault: { kind: 'empty-reply' },
      issues: [],
    });
    expect(readFaultSpec({ kind: 'truncated-body', sendBytes: 3 }, '/f')).toEqual({
      fault: { kind: 'truncated-body', sendBytes: 3 },
      issues: [],
    });
    expect(readFaultSpec({ kind: 'chunked-drip' }, '/f')).toEqual({
      fault: { kind: 'chunked-drip', chunks: 4, durationMs: 1000 },
      issues: [],
    });
  });

  it('reports bad kinds and options with pointers', () => {
    expect(readFaultSpec('boom', '/f').issues).toEqual([
      {
        pointer: '/f/kind',
        message:
          "unknown fault kind 'boom': use one of connection-reset, empty-reply, truncated-body, malformed-response, chunked-drip",
      },
    ]);
    expect(
      readFaultSpec({ kind: 'chunked-drip', chunks: 0, durationMs: -1 }, '/f').issues.map(
        (i) => i.pointer,
      ),
    ).toEqual(['/f/chunks', '/f/durationMs']);
    expect(
      readFaultSpec({ kind: 'truncated-body', sendBytes: 1.5 }, '/f').issues.map((i) => i.pointer),
    ).toEqual(['/f/sendBytes']);
    expect(readFaultSpec(42, '/f').issues.map((i) => i.pointer)).toEqual(['/f']);
  });
});

describe('readDelaySpec', () => {
  it('reads milliseconds, fixed and log-normal delays', () => {
    expect(readDelaySpec(30, '/d')).toEqual({ delay: 30, issues: [] });
    expect(readDelaySpec({ kind: 'fixed', ms: 5 }, '/d')).toEqual({
      delay: { kind: 'fixed', ms: 5 },
      issues: [],
    });
    expect(readDelaySpec({ kind: 'log-normal', median: 80, sigma: 0.4, max: 500 }, '/d')).toEqual({
      delay: { kind: 'log-normal', median: 80, sigma: 0.4, max: 500 },
      issues: [],
    });
  });

  it('reports bad delays with pointers', () => {
    expect(readDelaySpec(-1, '/d').issues.map((i) => i.pointer)).toEqual(['/d']);
    expect(
      readDelaySpec({ kind: 'log-normal', median: 'x' }, '/d').issues.map((i) => i.pointer),
    ).toEqual(['/d/median', '/d/sigma']);
    expect(readDelaySpec({ kind: 'gamma' }, '/d').issues.map((i) => i.pointer)).toEqual([
      '/d/kind',
    ]);
  });
});
