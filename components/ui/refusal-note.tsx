import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import { refusalCause, refusalHref, type Refusal } from '@/lib/revocations/refusal-words';

/**
 * Why a token or consent is refused, in plain words, since when, and the entry that refuses it:
 * whatever its authorization server last reported, servers that follow the hub turn it away.
 */
export function RefusalNote({ refusal, what }: { refusal: Refusal; what: 'token' | 'consent' }) {
  const cause = refusalCause(refusal);
  return (
    <>
      <p className="font-medium">
        Refused since {formatDateTime(new Date(refusal.revoked_at))}: {cause}.
      </p>
      <p>
        <span className="text-fg-muted">Reason: </span>
        <span className="break-words">{refusal.reason?.trim() || 'none given'}</span>
      </p>
      <p className="text-fg-muted">
        {what === 'token'
          ? 'MCP servers that follow the hub refuse this token, even though its authorization server has not reported it revoked.'
          : 'MCP servers that follow the hub refuse the tokens of this consent, even though its authorization server still reports it active.'}{' '}
        <Link href={refusalHref(refusal)} className="text-accent hover:underline">
          Revocation entry #{refusal.seq}
        </Link>
      </p>
    </>
  );
}
