'use server';

import { signOut } from '@/lib/auth/auth';

// Needs no guard: without a session it only clears an absent cookie.
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
