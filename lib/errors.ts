/** A refusal the person asked for should read: shown as it is, never logged as a fault. */
export class ExpectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectedError';
  }
}
