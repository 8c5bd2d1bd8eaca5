/**
 * A JSON answer whose status or headers the handler decides at run time (a 202 with `Location`,
 * say); the body is still parsed against the operation's declared schema before it is sent.
 */
export type JsonAnswer<T = unknown> = {
  readonly [answerMark]: true;
  json: T;
  /** the declared status when left out */
  status?: number;
  headers?: HeadersInit;
};

const answerMark = Symbol('json answer');

export function answer<T>(
  json: T,
  init: { status?: number; headers?: HeadersInit } = {},
): JsonAnswer<T> {
  return { [answerMark]: true, json, ...init };
}

export function isJsonAnswer(value: unknown): value is JsonAnswer {
  return typeof value === 'object' && value !== null && answerMark in value;
}
