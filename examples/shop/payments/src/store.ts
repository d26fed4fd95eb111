/** Payments' own data: charges and refunds (in memory). */

export type ChargeStatus = 'captured' | 'declined';

export interface Charge {
  id: string;
  orderId: string;
  amount: number;
  currency: string;
  status: ChargeStatus;
  /** Total refunded so far. */
  refunded: number;
}

export interface Refund {
  id: string;
  chargeId: string;
  amount: number;
  status: 'refunded';
}

/** Charges above this amount are declined (the example's "card limit"). */
export const DECLINE_ABOVE = 1000;

export type RefundResult =
  | { ok: true; refund: Refund }
  | { ok: false; reason: 'unknown-charge' | 'not-captured' | 'exceeds-charge' };

export interface PaymentsStore {
  charge(orderId: string, amount: number, currency: string): Charge;
  get(id: string): Charge | undefined;
  /** Refunds `amount` (default: what is left) of a captured charge. */
  refund(chargeId: string, amount?: number): RefundResult;
  /** Drops every charge and refund and restarts the id counters (tests, provider states). */
  reset(): void;
  /** Adds a charge with a fixed id (for provider states such as "charge ch-1 exists"). */
  seedCharge(charge: Charge): void;
}

export function createPaymentsStore(): PaymentsStore {
  const charges = new Map<string, Charge>();
  let nextCharge = 1;
  let nextRefund = 1;
  return {
    charge(orderId, amount, currency) {
      let id = `ch-${nextCharge++}`;
      while (charges.has(id)) id = `ch-${nextCharge++}`;
      const status: ChargeStatus = amount > DECLINE_ABOVE ? 'declined' : 'captured';
      const charge = { id, orderId, amount, currency, status, refunded: 0 };
      charges.set(id, charge);
      return { ...charge };
    },
    get(id) {
      const charge = charges.get(id);
      return charge === undefined ? undefined : { ...charge };
    },
    refund(chargeId, amount) {
      const charge = charges.get(chargeId);
      if (charge === undefined) return { ok: false, reason: 'unknown-charge' };
      if (charge.status !== 'captured') return { ok: false, reason: 'not-captured' };
      const left = charge.amount - charge.refunded;
      const value = amount ?? left;
      if (value > left || value <= 0) return { ok: false, reason: 'exceeds-charge' };
      charge.refunded += value;
      return {
        ok: true,
        refund: { id: `rf-${nextRefund++}`, chargeId, amount: value, status: 'refunded' },
      };
    },
    reset() {
      charges.clear();
      nextCharge = 1;
      nextRefund = 1;
    },
    seedCharge(charge) {
      charges.set(charge.id, { ...charge });
    },
  };
}
