import { lookup as systemLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { allowPrivateTargets } from '@/lib/config/env';
import { bareHost, refusalForAddress, refusalForHost } from './address-policy';
import { failureOf, OutboundError } from './errors';

export type ResolvedAddress = { address: string; family: number };
/** Turns a hostname into its addresses; tests pass their own to play a rebinding DNS. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export type OutboundOptions = {
  timeoutMs: number;
  /** defaults to HUB_ALLOW_PRIVATE_TARGETS, read at the call */
  allowPrivate?: boolean;
  resolve?: Resolve;
};

const resolveWithSystem: Resolve = (hostname) =>
  systemLookup(hostname, { all: true, verbatim: true });

const notFound = () => Object.assign(new Error('no address'), { code: 'ENOTFOUND' });

/**
 * The socket's lookup: it resolves the name once, refuses if any of its addresses may not be
 * called, and hands the socket only those checked addresses, so the connection goes where the
 * check looked. A name that resolves to a public address for a save-time check and to a private
 * one now (DNS rebinding) is refused here.
 */
function guardedLookup(resolve: Resolve, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const checked = async () => {
      const addresses = await resolve(hostname);
      for (const { address } of addresses) {
        const refusal = refusalForAddress(address, allowPrivate);
        if (refusal) throw new OutboundError({ kind: 'refused', refusal });
      }
      const wanted = options.family
        ? addresses.filter((a) => a.family === options.family)
        : addresses;
      if (wanted.length === 0) throw notFound();
      return wanted;
    };
    checked().then(
      (wanted) =>
        options.all
          ? callback(null, wanted)
          : callback(null, wanted[0]!.address, wanted[0]!.family),
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

/**
 * POSTs `request.body` to `target` and answers the status code; the answer's body is never read.
 * Every URL the hub calls goes through here (or a sibling of it): only plain http(s) URLs, to
 * addresses lib/outbound/address-policy.ts allows, checked on the address connected to. No
 * redirect is followed, no connection reused, and the call ends after `timeoutMs`. Failures
 * are OutboundErrors with a short fixed message.
 */
export async function outboundPost(
  target: string,
  request: { body: string; headers: Record<string, string> },
  options: OutboundOptions,
): Promise<{ status: number }> {
  const allowPrivate = options.allowPrivate ?? allowPrivateTargets();
  const resolve = options.resolve ?? resolveWithSystem;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new OutboundError({ kind: 'refused', refusal: 'url' });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    throw new OutboundError({ kind: 'refused', refusal: 'url' });
  const host = bareHost(url.hostname);
  // An address literal never reaches the lookup, so it is judged here; names are judged there.
  const refusal = refusalForHost(host, allowPrivate);
  if (refusal) throw new OutboundError({ kind: 'refused', refusal });

  const body = Buffer.from(request.body);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolvePromise, reject) => {
    const req = send({
      host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(body.length) },
      agent: false,
      lookup: guardedLookup(resolve, allowPrivate),
    });
    const timer = setTimeout(
      () => req.destroy(new OutboundError({ kind: 'timeout', timeoutMs: options.timeoutMs })),
      options.timeoutMs,
    );
    // A second look at where the socket went; the lookup above already decided it.
    req.on('socket', (socket) =>
      socket.once('connect', () => {
        const remote = socket.remoteAddress;
        const late = remote ? refusalForAddress(remote, allowPrivate) : 'special';
        if (late) req.destroy(new OutboundError({ kind: 'refused', refusal: late }));
      }),
    );
    req.on('response', (res) => {
      clearTimeout(timer);
      resolvePromise({ status: res.statusCode ?? 0 });
      res.destroy();
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(new OutboundError(failureOf(err)));
    });
    req.end(body);
  });
}
