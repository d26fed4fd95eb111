import type { HeaderMap } from '../types.js';
import { redactHeaders } from './redact-headers.js';
import { compileRequestPattern, type PatternSubject } from './request-pattern.js';
import type { HostNearMiss, JournalEntry, JournalFilter, JournalPage, MatchRef } from './types.js';

export const DEFAULT_JOURNAL_SIZE = 10_000;

/**
 * One journal slot. Slots are allocated once per position of the ring and overwritten in place,
 * so a server under sustained load keeps a flat heap: the ring holds `capacity` slots, each
 * pointing at one request's header object, and nothing else grows.
 */
export interface JournalSlot extends PatternSubject {
  seq: number;
  /** Epoch milliseconds. */
  time: number;
  bodySize: number;
  status: number;
  durationMs: number;
  delayMs: number | undefined;
  /** Set for a miss. */
  miss: boolean;
  nearMisses: HostNearMiss[] | undefined;
  /** What answered, when known at once (stubs, scenarios). */
  matched: MatchRef | undefined;
  /**
   * Works out what answered when it is first asked (contract hits): identifying the operation
   * costs a route lookup, which the hot path skips.
   */
  resolve: ((slot: JournalSlot) => MatchRef | undefined) | undefined;
}

function emptySlot(): JournalSlot {
  return {
    seq: 0,
    time: 0,
    method: '',
    path: '',
    query: '',
    headers: {},
    session: undefined,
    bodySize: 0,
    status: 0,
    durationMs: 0,
    delayMs: undefined,
    miss: false,
    nearMisses: undefined,
    matched: undefined,
    resolve: undefined,
  };
}

function matchedOf(slot: JournalSlot): MatchRef | undefined {
  if (slot.resolve !== undefined) {
    slot.matched = slot.resolve(slot);
    slot.resolve = undefined;
  }
  return slot.matched;
}

/**
 * The request journal: a ring buffer of `capacity` slots (preallocated array, one write index).
 * When it is full the oldest entry is overwritten.
 *
 * @example
 * const journal = new Journal(3);
 * const slot = journal.claim(); slot.method = 'GET'; slot.path = '/a'; // ...
 * journal.read({ method: 'GET' }).entries.length; // 1
 */
export class Journal {
  readonly capacity: number;
  private readonly slots: Array<JournalSlot | undefined>;
  /** Where the next claim writes. */
  private next = 0;
  private kept = 0;
  private seq = 0;
  private sinceClear = 0;

  constructor(capacity: number = DEFAULT_JOURNAL_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`journal capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.slots = new Array<JournalSlot | undefined>(capacity).fill(undefined);
  }

  /** Entries kept now (at most `capacity`). */
  get size(): number {
    return this.kept;
  }

  /** Requests journaled since start or the last full clear, dropped ones included. */
  get recorded(): number {
    return this.sinceClear;
  }

  /** The slot for a new request, with its `seq` set and every other field to be overwritten. */
  claim(): JournalSlot {
    let slot = this.slots[this.next];
    if (slot === undefined) {
      slot = emptySlot();
      this.slots[this.next] = slot;
    }
    this.next = (this.next + 1) % this.capacity;
    if (this.kept < this.capacity) this.kept++;
    this.seq++;
    this.sinceClear++;
    slot.seq = this.seq;
    slot.matched = undefined;
    slot.resolve = undefined;
    slot.nearMisses = undefined;
    slot.delayMs = undefined;
    slot.miss = false;
    return slot;
  }

  /** Kept slots, newest first. */
  private *newestFirst(): Generator<JournalSlot> {
    for (let i = 1; i <= this.kept; i++) {
      const slot = this.slots[(this.next - i + this.capacity) % this.capacity];
      if (slot !== undefined) yield slot;
    }
  }

  private test(filter: JournalFilter): (slot: JournalSlot) => boolean {
    const pattern = compileRequestPattern(filter);
    const matched = filter.matched;
    return (slot) => pattern(slot) && (matched === undefined || matched === !slot.miss);
  }

  /** The entries that match `filter`, newest first, redacted. */
  read(filter: JournalFilter = {}): JournalPage {
    const test = this.test(filter);
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    const entries: JournalEntry[] = [];
    const since = filter.since ?? 0;
    let total = 0;
    for (const slot of this.newestFirst()) {
      // Newest first means seq only falls: a poll with `since` reads just the new entries.
      if (slot.seq <= since) break;
      if (!test(slot)) continue;
      total++;
      if (entries.length < limit) entries.push(toEntry(slot));
    }
    return { entries, total, capacity: this.capacity, recorded: this.sinceClear };
  }

  /** How many kept entries match (for "called exactly twice" assertions). */
  count(filter: JournalFilter = {}): number {
    const test = this.test(filter);
    const since = filter.since ?? 0;
    let n = 0;
    for (const slot of this.newestFirst()) {
      if (slot.seq <= since) break;
      if (test(slot)) n++;
    }
    return n;
  }

  /** Forgets every entry, or only the entries of `session`; returns how many were removed. */
  clear(session?: string): number {
    if (session === undefined) {
      const removed = this.kept;
      this.kept = 0;
      this.next = 0;
      this.sinceClear = 0;
      return removed;
    }
    const keep = [...this.newestFirst()].filter((s) => s.session !== session).reverse();
    const removed = this.kept - keep.length;
    // Survivors move to the front, oldest first; their slots are distinct objects, so the
    // rest of the array can be reused as fresh slots.
    const kept = new Set(keep);
    const spare = this.slots.filter((s): s is JournalSlot => s !== undefined && !kept.has(s));
    keep.forEach((slot, i) => {
      this.slots[i] = slot;
    });
    spare.forEach((slot, i) => {
      this.slots[keep.length + i] = slot;
    });
    for (let i = keep.length + spare.length; i < this.capacity; i++) this.slots[i] = undefined;
    this.kept = keep.length;
    this.next = keep.length % this.capacity;
    return removed;
  }
}

/** A slot as the admin API shows it: resolved, redacted, plain JSON. */
export function toEntry(slot: JournalSlot): JournalEntry {
  const matched = matchedOf(slot);
  const entry: JournalEntry = {
    seq: slot.seq,
    time: new Date(slot.time).toISOString(),
    method: slot.method,
    path: slot.path,
    query: slot.query,
    headers: redactHeaders(slot.headers as HeaderMap),
    bodySize: slot.bodySize,
    status: slot.status,
    durationMs: Math.round(slot.durationMs * 1000) / 1000,
  };
  if (slot.session !== undefined) entry.session = slot.session;
  if (matched !== undefined) entry.matched = matched;
  if (slot.nearMisses !== undefined) entry.nearMisses = slot.nearMisses;
  if (slot.delayMs !== undefined) entry.delayMs = slot.delayMs;
  return entry;
}
