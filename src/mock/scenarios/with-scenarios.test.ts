import { describe, expect, it } from 'vitest';
import { sessionOf } from '../session.js';
import type { MockEngine, MockRequest } from '../types.js';
import { compileScenarios } from './compile-scenarios.js';
import { withScenarios } from './with-scenarios.js';

const get = (path: string, session?: string): MockRequest => ({
  method: 'GET',
  path,
  query: '',
  headers: session === undefined ? {} : { 'x-gauntlet-session': session },
});

describe('withScenarios', () => {
  const scenarios = compileScenarios([
    {
      name: 'toggle',
      initialState: 'off',
      stubs: [
        {
          state: 'off',
          request: { method: 'POST', path: '/switch' },
          nextState: 'on',
          response: { status: 204 },
        },
        { state: 'on', request: { method: 'GET', path: '/light' }, response: { body: 'on' } },
      ],
    },
  ]);
  const resets: Array<string | undefined> = [];
  const contract: MockEngine = {
    handle: () => ({ status: 200, headers: [], body: new TextEncoder().encode('contract') }),
    reset: (session) => resets.push(session),
  };
  const engine = withScenarios(contract, scenarios);
  const text = (request: MockRequest) => new TextDecoder().decode(engine.handle(request).body);

  it('answers from scenarios in the request’s session, else from the contract engine', () => {
    expect(text(get('/light', 'a'))).toBe('contract');
    expect(engine.handle({ ...get('/switch', 'a'), method: 'POST' }).status).toBe(204);
    expect(text(get('/light', 'a'))).toBe('on');
    expect(text(get('/light', 'b'))).toBe('contract');
    expect(text(get('/light'))).toBe('contract');
  });

  it('resets both engines', () => {
    engine.reset?.('a');
    expect(text(get('/light', 'a'))).toBe('contract');
    engine.reset?.();
    expect(resets).toEqual(['a', undefined]);
  });

  it('reads the session header, defaulting to "default"', () => {
    expect(sessionOf(get('/', 't-1'))).toBe('t-1');
    expect(sessionOf(get('/'))).toBe('default');
    expect(sessionOf({ ...get('/'), headers: { 'x-gauntlet-session': ['x', 'y'] } })).toBe('x');
  });
});
