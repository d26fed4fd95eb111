import { describe, expect, it } from 'vitest';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { RunSummary } from './types.js';

const summary: RunSummary = {
  status: 'failed',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1500,
  stages: [
    {
      name: 'ci-diff',
      title: 'Breaking changes',
      status: 'failed',
      durationMs: 1000,
      summary: '1 failed, 1 skipped',
      checks: [
        { name: 'contracts/a.yaml', status: 'failed', message: 'removed `id` <from> "201" & more' },
        { name: 'contracts/b.yaml', status: 'skipped', message: 'not on main' },
        { name: 'contracts/c.yaml', status: 'passed', durationMs: 250 },
      ],
    },
  ],
};

describe('renderJunit', () => {
  it('writes one suite per stage, escaped failures and skip reasons', () => {
    expect(renderJunit(summary)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="gauntlet" tests="3" failures="1" skipped="1" time="1.500" timestamp="2026-01-01T00:00:00.000Z">',
        '  <testsuite name="Breaking changes" id="ci-diff" tests="3" failures="1" skipped="1" time="1.000">',
        '    <testcase classname="ci-diff" name="contracts/a.yaml" time="0.000">',
        '      <failure message="removed `id` &lt;from&gt; &quot;201&quot; &amp; more">removed `id` &lt;from&gt; &quot;201&quot; &amp; more</failure>',
        '    </testcase>',
        '    <testcase classname="ci-diff" name="contracts/b.yaml" time="0.000">',
        '      <skipped message="not on main"/>',
        '    </testcase>',
        '    <testcase classname="ci-diff" name="contracts/c.yaml" time="0.250"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});

describe('renderMarkdown', () => {
  it('tables the stages and lists what did not pass', () => {
    expect(renderMarkdown(summary, 'gauntlet ci').split('\n')).toEqual([
      '## ❌ gauntlet ci: failed',
      '',
      'Took 1.5 s.',
      '',
      '| stage | status | summary | time |',
      '|---|---|---|---|',
      '| Breaking changes | ❌ failed | 1 failed, 1 skipped | 1.0 s |',
      '',
      '### ❌ Breaking changes',
      '',
      '- ❌ **contracts/a.yaml**: removed `id` <from> "201" & more',
      '- ⏭️ **contracts/b.yaml**: not on main',
      '',
      '',
    ]);
  });
});
