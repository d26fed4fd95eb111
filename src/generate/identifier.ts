/**
 * A PascalCase identifier from a service name (`orders-api` → `OrdersApi`), safe to put after
 * `create` or `export const`: non-alphanumerics split words, a leading digit gets a prefix.
 *
 * @example
 * pascalCase('twilio api v2010'); // 'TwilioApiV2010'
 */
export function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  if (joined === '') return 'Service';
  return /^[0-9]/.test(joined) ? `Service${joined}` : joined;
}

/** `OrdersApi` → `ORDERS_API`. */
export function constantCase(pascal: string): string {
  return pascal
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}
