import { ExpectedError } from '@/lib/errors';

export type FieldError = { path: string; message: string };

/** A revocation asked with input that cannot apply to its target (unknown scopes, no family). */
export class InvalidRevocationError extends ExpectedError {
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
    this.name = 'InvalidRevocationError';
  }
}
