import { describe, expect, it } from 'vitest';
import { Journal, type JournalSlot } from './journal.js';

function add(journal: Journal, fields: Partial<JournalSlot>): JournalSlot {
  const slot = journal.claim();
  Object.assign(slot, {
    time: 0,
    method: 'GET',
    path: '/',
    query: '',
    headers: {},
    session: undefined,
    bodySize: 0,
    status: 200,
    durationMs: 0,
    ...fields,
  });
  return slot;
}

describe('Journal', () => {
  it('keeps at most its capacity and drops the oldest entries first', () => {
    const journal = new Journal(3);
    for (let i = 1; i <= 5; i++) add(journal, { path: `/r/${i}` });
    const page = journal.read();
    expect(journal.size).toBe(3);
    expect(page.entries.map((e) => [e.seq, e.path])).toEqual([
      [5, '/r/5'],
      [4, '/r/4'],
      [3, '/r/3'],
    ]);
    expect(page.recorded).toBe(5);
    expect(page.capacity).toBe(3);
  });

  it('filters by method, path glob, session and matched, newest first, with a limit', () => {
    const journal = new Journal(10);
    add(journal, { method: 'GET', path: '/orders/1', session: 'a' });
    add(journal, { method: 'POST', path: '/orders', session: 'a' });
    add(journal, { method: 'GET', path: '/orders/2', session: 'b', miss: true });
    add(journal, { method: 'GET', path: '/orders/2/items', session: 'b' });
    const seqs = (filter: Parameters<Journal['read']>[0]) =>
      journal.read(filter).entries.map((e) => e.seq);
    expect(seqs({ method: 'get' })).toEqual([4, 3, 1]);
    expect(seqs({ path: '/orders/*' })).toEqual([3, 1]);
    expect(seqs({ path: '/orders/**' })).toEqual([4, 3, 1]);
    expect(seqs({ session: 'b' })).toEqual([4, 3]);
    expect(seqs({ matched: false })).toEqual([3]);
    expect(seqs({ matched: true, limit: 2 })).toEqual([4, 2]);
    expect(journal.read({ matched: true, limit: 2 }).total).toBe(3);
    expect(journal.count({ method: 'GET', session: 'b' })).toBe(2);
  });

  it('reads and counts only the entries after `since`, also after the ring wrapped', () => {
    const journal = new Journal(3);
    for (let i = 1; i <= 5; i++) add(journal, { path: `/r/${i}`, miss: i === 5 });
    expect(journal.read({ since: 3 }).entries.map((e) => e.seq)).toEqual([5, 4]);
    expect(journal.read({ since: 3, matched: false }).entries.map((e) => e.seq)).toEqual([5]);
    expect(journal.read({ since: 5 }).entries).toEqual([]);
    expect(journal.read({ since: 0 }).entries.map((e) => e.seq)).toEqual([5, 4, 3]);
    expect(journal.count({ since: 4 })).toBe(1);
  });

  it('redacts sensitive headers when read, and matches patterns on the real values', () => {
    const journal = new Journal(2);
    add(journal, {
      headers: { authorization: 'Bearer s3cret', cookie: 'a=1', accept: 'text/plain' },
    });
    expect(journal.read().entries[0]!.headers).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      accept: 'text/plain',
    });
    expect(journal.count({ headers: { Authorization: 'Bearer s3cret' } })).toBe(1);
  });

  it('clears one session, keeping the others in order, and then keeps dropping the oldest', () => {
    const journal = new Journal(4);
    add(journal, { path: '/1', session: 'a' });
    add(journal, { path: '/2', session: 'b' });
    add(journal, { path: '/3', session: 'a' });
    add(journal, { path: '/4', session: 'b' });
    expect(journal.clear('a')).toBe(2);
    expect(journal.read().entries.map((e) => e.path)).toEqual(['/4', '/2']);
    for (const p of ['/5', '/6', '/7']) add(journal, { path: p });
    expect(journal.read().entries.map((e) => e.path)).toEqual(['/7', '/6', '/5', '/4']);
    expect(journal.clear()).toBe(4);
    expect(journal.read()).toEqual({ entries: [], total: 0, capacity: 4, recorded: 0 });
  });

  it('holds a flat number of slots under 50,000 requests', () => {
    const journal = new Journal(1000);
    const slots = new Set<JournalSlot>();
    for (let i = 0; i < 50_000; i++) slots.add(add(journal, { path: `/r/${i}` }));
    expect(journal.size).toBe(1000);
    // Slots are reused in place: the ring never allocated more than its capacity.
    expect(slots.size).toBe(1000);
    const page = journal.read({ limit: 2 });
    expect(page.entries.map((e) => e.path)).toEqual(['/r/49999', '/r/49998']);
    expect(page.recorded).toBe(50_000);
    expect(journal.read({ path: '/r/48999' }).total).toBe(0);
    expect(journal.read({ path: '/r/49000' }).total).toBe(1);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Journal(0)).toThrow(RangeError);
  });
});
