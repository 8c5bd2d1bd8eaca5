import type { Refusal } from './address-policy';

/** What went wrong with an outbound call, in classes short enough to keep in a record. */
export type FailureKind =
  | { kind: 'refused'; refusal: Refusal | 'url' }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'connection refused' }
  | { kind: 'host not found' }
  | { kind: 'TLS error' }
  | { kind: 'connection reset' }
  | { kind: 'host unreachable' }
  | { kind: 'connection failed' };

const refusalText: Record<Refusal | 'url', string> = {
  url: 'refused: not a plain http(s) URL',
  private: 'refused: private address',
  metadata: 'refused: cloud metadata address',
  special: 'refused: special-purpose address',
};

/**
 * A failed outbound call. Its message is one of a few fixed lines, never text from the other
 * side or from the system, so a record of it says what happened and nothing the receiver chose.
 */
export class OutboundError extends Error {
  constructor(readonly failure: FailureKind) {
    super(describeFailure(failure));
    this.name = 'OutboundError';
  }

  /** A refused target stays refused: trying again cannot help. */
  get permanent(): boolean {
    return this.failure.kind === 'refused';
  }
}

export function describeFailure(failure: FailureKind): string {
  if (failure.kind === 'refused') return refusalText[failure.refusal];
  if (failure.kind === 'timeout') return `no answer within ${failure.timeoutMs / 1000} s`;
  return failure.kind;
}

const tlsCode =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|ERR_OSSL_|HOSTNAME_MISMATCH)/;

/** The class of a socket, DNS or TLS error from node:http(s). */
export function failureOf(err: unknown): FailureKind {
  if (err instanceof OutboundError) return err.failure;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return { kind: 'connection failed' };
  if (code === 'ECONNREFUSED') return { kind: 'connection refused' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA' || code === 'EAI_NODATA')
    return { kind: 'host not found' };
  if (tlsCode.test(code)) return { kind: 'TLS error' };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { kind: 'connection reset' };
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { kind: 'host unreachable' };
  return { kind: 'connection failed' };
}
