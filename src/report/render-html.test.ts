import { describe, expect, it } from 'vitest';
import { escapeHtml, formatDuration, renderHtml } from './render-html.js';
import type { RunSummary } from './types.js';

const summary: RunSummary = {
  status: 'failed',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 61_500,
  stages: [
    {
      name: 'contracts',
      title: 'Contracts load and lint',
      status: 'passed',
      durationMs: 900,
      summary: '1 contracts',
      checks: [{ name: 'contracts/a.yaml', status: 'passed', message: 'openapi-3.1' }],
    },
    {
      name: 'mocked',
      title: 'Each service against mocks',
      status: 'failed',
      durationMs: 12_000,
      summary: '1 services',
      checks: [
        { name: 'orders: starts', status: 'passed', durationMs: 1200 },
        {
          name: 'orders: POST /orders',
          status: 'failed',
          message: 'answered 503 <a server error>',
          details: { body: '<script>alert(1)</script>' },
        },
      ],
    },
  ],
};

describe('renderHtml', () => {
  const html = renderHtml(summary);

  it('has one section per stage, with its status', () => {
    const sections = [...html.matchAll(/<section class="stage (\w+)" id="stage-(\w+)"/g)].map(
      (m) => [m[2], m[1]],
    );
    expect(sections).toEqual([
      ['contracts', 'passed'],
      ['mocked', 'failed'],
    ]);
  });

  it('shows the overall verdict in the header and the title', () => {
    expect(html).toContain('<header class="failed" data-status="failed">');
    expect(html).toContain('<title>gauntlet run: failed</title>');
    expect(html).toContain('2 stages · 2 checks passed · 1 failed · 0 skipped · 1 min 2 s');
  });

  it('groups checks named "group: rest" under a row per group', () => {
    expect(html).toContain(
      '<tr class="group failed"><td colspan="4">orders <span class="count">2 checks, some failed</span></td></tr>',
    );
    expect(html).toContain('<td class="check" title="orders: POST /orders">POST /orders</td>');
  });

  it('escapes everything that comes from checks', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('answered 503 &lt;a server error&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('is self-contained: no external scripts, styles or images', () => {
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
  });
});

describe('helpers', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it.each([
    [12, '12 ms'],
    [1500, '1.5 s'],
    [125_000, '2 min 5 s'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
