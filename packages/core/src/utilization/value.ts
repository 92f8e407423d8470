const DAY_MS = 86_400_000;
const MONTH_DAYS = 365.25 / 12;

/**
 * Straight-line book value: the purchase cost less an equal share for every month since purchase,
 * over `lifeMonths`, never below zero. Months are counted in days (30.44 each), so the value
 * falls a little every day rather than in steps.
 */
export function bookValue(purchaseCost: number, purchaseDate: string, lifeMonths: number, asOfMs: number): number {
  const bought = Date.parse(`${purchaseDate}T00:00:00Z`);
  if (!Number.isFinite(bought) || !(lifeMonths > 0)) throw new RangeError(`cannot depreciate from ${purchaseDate} over ${lifeMonths} months`);
  const months = Math.max(0, (asOfMs - bought) / DAY_MS / MONTH_DAYS);
  return Math.round(Math.max(0, purchaseCost * (1 - months / lifeMonths)) * 100) / 100;
}

/** Deployed and used less than `belowRate` of working hours: a reassignment candidate. */
export function isIdle(status: string, utilizationRate: number | null, belowRate = 0.1): boolean {
  return status === 'deployed' && utilizationRate !== null && utilizationRate < belowRate;
}
