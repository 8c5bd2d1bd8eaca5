import { handlers } from '@/lib/auth/auth';

// next-auth's own endpoints (sign-in callbacks, CSRF, session): public by nature.
export const { GET, POST } = handlers;
