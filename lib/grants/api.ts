import { ExpectedError } from '@/lib/errors';

/** What the consents and tokens routes share: their not-found answer. */
export function notFound(what: 'consent' | 'token'): ExpectedError {
  return new ExpectedError('not_found', `No ${what} with this id in your organization.`);
}
