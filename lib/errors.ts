/** A refusal the person asked for should read: shown as it is, never logged as a fault. */
export class ExpectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectedError';
  }
}

/** The thing asked for does not exist in the caller's org (the API answers 404). */
export class NotFoundError extends ExpectedError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
