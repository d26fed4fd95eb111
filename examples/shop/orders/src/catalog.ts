/** Orders prices what it sells (inventory only counts units). Amounts are in the currency's units. */
export interface Price {
  amount: number;
  currency: string;
}

/** abc is priced so that 3 units (1200 EUR) exceed payments' 1000 limit: the declined path. */
export const DEFAULT_CATALOG: Readonly<Record<string, Price>> = {
  abc: { amount: 400, currency: 'EUR' },
  def: { amount: 25, currency: 'EUR' },
  'sold-out': { amount: 10, currency: 'EUR' },
};
