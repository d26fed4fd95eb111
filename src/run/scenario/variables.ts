/** `${name}` in strings, replaced by saved values. */
const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces `${name}` in every string inside `value` (deeply) with `vars[name]`; a string that is
 * exactly one `${name}` takes the saved value with its type. Unknown names are left as written.
 *
 * @example
 * interpolate({ id: '${orderId}', path: '/orders/${orderId}' }, { orderId: 'o-1' });
 * // { id: 'o-1', path: '/orders/o-1' }
 */
export function interpolate(value: unknown, vars: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value);
    if (whole && whole[1]! in vars) return vars[whole[1]!];
    return value.replace(VARIABLE, (text, name: string) =>
      name in vars ? String(vars[name]) : text,
    );
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, vars));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolate(item, vars)]),
    );
  }
  return value;
}

/**
 * Reads a dotted path (`order.id`, `orders.0.id`) from a JSON value; undefined when absent.
 *
 * @example
 * pick({ order: { id: 'o-1' } }, 'order.id'); // 'o-1'
 */
export function pick(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
