import type { Db } from '@/db/client';
import {
  activeLockSeconds,
  clearThrottle,
  recordThrottleFailure,
  type ThrottleRule,
} from '@/db/queries/sign-in-throttles';

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/**
 * Password sign-in throttling (issue 12). Locks are per (account, address) and per address, so a
 * stranger guessing at an account from elsewhere cannot lock its owner out; the per-account count
 * only raises an alert. Every lock starts at a minute and doubles with each failure after it ends,
 * up to an hour; failures are forgotten after a quiet day.
 */
export const SIGN_IN_THROTTLE = {
  pair: {
    threshold: 5,
    forgetSeconds: DAY,
    lock: { baseSeconds: MINUTE, maxSeconds: 60 * MINUTE },
  },
  address: {
    threshold: 30,
    forgetSeconds: DAY,
    lock: { baseSeconds: MINUTE, maxSeconds: 60 * MINUTE },
  },
  /** Alert only: audited at 20 failures from any addresses, then at 40, 80… */
  account: { threshold: 20, forgetSeconds: DAY },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleKeys = { pair: string; address: string | null; account: string };

export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  return {
    // Without a known address (not through the hub's server) every caller shares one pair.
    pair: `pair:${ip ?? 'unknown'} ${email}`,
    address: ip ? `address:${ip}` : null,
    account: `account:${email}`,
  };
}

/** Seconds the caller must wait before a password is even checked; 0 when it may try. */
export function lockedFor(db: Db, keys: ThrottleKeys): Promise<number> {
  return activeLockSeconds(db, keys.address ? [keys.pair, keys.address] : [keys.pair]);
}

export type FailureSignals = {
  /** the locks this failure started, on the pair and/or on the address */
  locks: { scope: 'account_address' | 'address'; seconds: number; failures: number }[];
  /** set when the account's failures from all addresses reached an alert step */
  accountAlert: { failures: number } | null;
};

/** Counts a failed attempt against all three keys and says what an admin should hear of it. */
export async function recordFailure(db: Db, keys: ThrottleKeys): Promise<FailureSignals> {
  const [pair, address, account] = await Promise.all([
    recordThrottleFailure(db, keys.pair, SIGN_IN_THROTTLE.pair),
    keys.address ? recordThrottleFailure(db, keys.address, SIGN_IN_THROTTLE.address) : null,
    recordThrottleFailure(db, keys.account, SIGN_IN_THROTTLE.account),
  ]);
  const locks: FailureSignals['locks'] = [];
  if (pair.lockedSeconds > 0)
    locks.push({ scope: 'account_address', seconds: pair.lockedSeconds, failures: pair.failures });
  if (address && address.lockedSeconds > 0)
    locks.push({ scope: 'address', seconds: address.lockedSeconds, failures: address.failures });
  const step = account.failures / SIGN_IN_THROTTLE.account.threshold;
  return {
    locks,
    accountAlert:
      step >= 1 && Number.isInteger(Math.log2(step)) ? { failures: account.failures } : null,
  };
}

/** A successful sign-in clears its own pair only: other addresses stay throttled. */
export function recordSuccess(db: Db, keys: ThrottleKeys): Promise<void> {
  return clearThrottle(db, keys.pair);
}
