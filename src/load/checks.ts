/** k6's group/check tree, as the summary's `root_group` shows it. */
export interface GroupSummary {
  name: string;
  /** `::outer::inner`, `''` for the root. */
  path: string;
  id: string;
  groups: GroupSummary[];
  checks: CheckSummary[];
}

export interface CheckSummary {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

/** A short stable id for a group or check path (k6 uses an md5; any stable hash serves). */
function idOf(path: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

interface Node {
  name: string;
  path: string;
  groups: Map<string, Node>;
  checks: Map<string, { passes: number; fails: number }>;
}

const node = (name: string, path: string): Node => ({
  name,
  path,
  groups: new Map(),
  checks: new Map(),
});

/**
 * Counts check passes and fails per group, in the order they were first seen.
 *
 * @example
 * const tree = new CheckTree();
 * tree.record('::place order', 'status is 201', true);
 * tree.summary().groups[0].checks[0]; // { name: 'status is 201', path: '::place order::status is 201', passes: 1, fails: 0, id }
 */
export class CheckTree {
  private readonly root = node('', '');

  private find(groupPath: string): Node {
    if (groupPath === '') return this.root;
    let current = this.root;
    let path = '';
    for (const name of groupPath.split('::').slice(1)) {
      path = `${path}::${name}`;
      let next = current.groups.get(name);
      if (!next) {
        next = node(name, path);
        current.groups.set(name, next);
      }
      current = next;
    }
    return current;
  }

  /** Makes sure a group exists even when it holds no check. */
  group(groupPath: string): void {
    this.find(groupPath);
  }

  record(groupPath: string, name: string, ok: boolean): void {
    const group = this.find(groupPath);
    const entry = group.checks.get(name) ?? { passes: 0, fails: 0 };
    if (ok) entry.passes++;
    else entry.fails++;
    group.checks.set(name, entry);
  }

  /** Adds the counts of another tree's summary (another thread's), groups and checks by path. */
  merge(summary: GroupSummary): void {
    const walk = (g: GroupSummary) => {
      const group = this.find(g.path);
      for (const c of g.checks) {
        const entry = group.checks.get(c.name) ?? { passes: 0, fails: 0 };
        entry.passes += c.passes;
        entry.fails += c.fails;
        group.checks.set(c.name, entry);
      }
      for (const child of g.groups) walk(child);
    };
    walk(summary);
  }

  summary(): GroupSummary {
    const convert = (n: Node): GroupSummary => ({
      name: n.name,
      path: n.path,
      id: idOf(n.path),
      groups: [...n.groups.values()].map(convert),
      checks: [...n.checks].map(([name, c]) => ({
        name,
        path: `${n.path}::${name}`,
        id: idOf(`${n.path}::${name}`),
        passes: c.passes,
        fails: c.fails,
      })),
    });
    return convert(this.root);
  }
}

/** Every check of a tree, depth first. */
export function allChecks(group: GroupSummary): CheckSummary[] {
  return [...group.checks, ...group.groups.flatMap(allChecks)];
}
