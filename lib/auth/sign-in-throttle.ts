import type { Db } from '@/db/client';
import {
  activeLockSeconds,
  claimAttempt,
  clearThrottle,
  countFailure,
  releaseAttempt,
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

export type ThrottleLock = {
  scope: 'account_address' | 'address';
  seconds: number;
  failures: number;
};

/**
 * Counts this attempt against its pair and address before the password is checked, so a burst of
 * parallel guesses gets no more than the threshold. Answers how long to wait when one is locked,
 * and otherwise the locks this attempt starts should it fail.
 */
export async function claimSignIn(
  db: Db,
  keys: ThrottleKeys,
): Promise<{ retryAfterSeconds: number; locks: ThrottleLock[] }> {
  const lockable = keys.address ? [keys.pair, keys.address] : [keys.pair];
  // Reading first keeps a flood of refused attempts from taking row locks.
  const running = await activeLockSeconds(db, lockable);
  if (running > 0) return { retryAfterSeconds: running, locks: [] };
  const [pair, address] = await Promise.all([
    claimAttempt(db, keys.pair, SIGN_IN_THROTTLE.pair),
    keys.address ? claimAttempt(db, keys.address, SIGN_IN_THROTTLE.address) : undefined,
  ]);
  if (!pair || address === null) {
    // Locked between the read and the claim by an attempt running beside this one.
    const retryAfterSeconds = await activeLockSeconds(db, lockable);
    return { retryAfterSeconds: Math.max(1, retryAfterSeconds), locks: [] };
  }
  const locks: ThrottleLock[] = [];
  if (pair.lockedSeconds > 0)
    locks.push({ scope: 'account_address', seconds: pair.lockedSeconds, failures: pair.failures });
  if (address && address.lockedSeconds > 0)
    locks.push({ scope: 'address', seconds: address.lockedSeconds, failures: address.failures });
  return { retryAfterSeconds: 0, locks };
}

/** Counts a failure for the account from any address; says when it reached an alert step. */
export async function accountAlert(db: Db, keys: ThrottleKeys): Promise<number | null> {
  const { failures } = await countFailure(db, keys.account, SIGN_IN_THROTTLE.account);
  const step = failures / SIGN_IN_THROTTLE.account.threshold;
  return step >= 1 && Number.isInteger(Math.log2(step)) ? failures : null;
}

/**
 * A successful sign-in clears its own pair only (other addresses stay throttled) and gives its
 * count back to the address, so signing in never locks an address.
 */
export async function releaseSignIn(db: Db, keys: ThrottleKeys): Promise<void> {
  await Promise.all([
    clearThrottle(db, keys.pair),
    keys.address ? releaseAttempt(db, keys.address) : undefined,
  ]);
}
