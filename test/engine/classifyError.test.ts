import { describe, expect, it } from 'vitest';
import type { ErrorClass } from '../../src-main/api/schemas';
import { classifyError } from '../../src-main/engine/delivery/dispatcher';

// The error classes as the README names them (timeout, refused, dns, tls, reset, other), from
// the codes Node and undici give — on the error or on its `cause` (undici wraps socket errors).

const err = (code: string | undefined, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), code ? { code } : {}, extra);

const cases: [string, unknown, number, ErrorClass, string][] = [
  // name, thrown, timeout (ms), class, message
  [
    'a refused connection',
    err('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'),
    5000,
    'refused',
    'connection refused (connect ECONNREFUSED 127.0.0.1:9)',
  ],
  [
    'a refused connection wrapped by undici',
    new TypeError('fetch failed', { cause: err('ECONNREFUSED', 'connect ECONNREFUSED ::1:9') }),
    5000,
    'refused',
    'connection refused (fetch failed)',
  ],
  [
    'an unknown host',
    err('ENOTFOUND', 'getaddrinfo ENOTFOUND nope.invalid'),
    5000,
    'dns',
    'host not found (getaddrinfo ENOTFOUND nope.invalid)',
  ],
  [
    'a DNS lookup that timed out',
    err('EAI_AGAIN', 'getaddrinfo EAI_AGAIN x.test'),
    5000,
    'dns',
    'host not found (getaddrinfo EAI_AGAIN x.test)',
  ],
  ['a name that does not resolve', err('EAI_NONAME', 'no name'), 5000, 'dns', 'host not found (no name)'],
  [
    'headers not in time',
    err('UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error'),
    5000,
    'timeout',
    'no response within 5 s',
  ],
  ['body not in time', err('UND_ERR_BODY_TIMEOUT', 'Body Timeout Error'), 2500, 'timeout', 'no response within 2.5 s'],
  [
    'connect not in time',
    err('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'),
    30_000,
    'timeout',
    'no response within 30 s',
  ],
  ['a socket timeout', err('ETIMEDOUT', 'connect ETIMEDOUT'), 1000, 'timeout', 'no response within 1 s'],
  [
    'an AbortSignal.timeout',
    Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }),
    10_000,
    'timeout',
    'no response within 10 s',
  ],
  [
    'an expired certificate',
    err('CERT_HAS_EXPIRED', 'certificate has expired'),
    5000,
    'tls',
    'TLS error CERT_HAS_EXPIRED: certificate has expired',
  ],
  [
    'a self-signed certificate',
    err('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
    5000,
    'tls',
    'TLS error DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate',
  ],
  [
    'a self-signed chain',
    err('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
    5000,
    'tls',
    'TLS error SELF_SIGNED_CERT_IN_CHAIN: self-signed certificate in certificate chain',
  ],
  [
    'an unverifiable leaf',
    err('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify'),
    5000,
    'tls',
    'TLS error UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify',
  ],
  [
    'a name not on the certificate',
    err('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
    5000,
    'tls',
    "TLS error ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's altnames",
  ],
  [
    'plain HTTP spoken to a TLS port',
    err('EPROTO', 'wrong version number'),
    5000,
    'tls',
    'TLS error EPROTO: wrong version number',
  ],
  [
    'an OpenSSL error',
    err('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'),
    5000,
    'tls',
    'TLS error ERR_SSL_WRONG_VERSION_NUMBER: wrong version number',
  ],
  [
    'a reset connection',
    err('ECONNRESET', 'read ECONNRESET'),
    5000,
    'reset',
    'connection closed by the server before a response (read ECONNRESET)',
  ],
  [
    'a broken pipe',
    err('EPIPE', 'write EPIPE'),
    5000,
    'reset',
    'connection closed by the server before a response (write EPIPE)',
  ],
  [
    'undici: the other side closed',
    err('UND_ERR_SOCKET', 'other side closed'),
    5000,
    'reset',
    'connection closed by the server before a response (other side closed)',
  ],
  [
    'undici: the client was closed',
    err('UND_ERR_CLOSED', 'The client is destroyed'),
    5000,
    'reset',
    'connection closed by the server before a response (The client is destroyed)',
  ],
  [
    'an unreachable host',
    err('EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.1:80'),
    5000,
    'other',
    'EHOSTUNREACH: connect EHOSTUNREACH 10.0.0.1:80',
  ],
  ['an error with no code', new Error('something odd'), 5000, 'other', 'something odd'],
  ['a thrown string', 'boom', 5000, 'other', 'boom'],
];

describe('classifyError: a network failure as an error class and a message', () => {
  it.each(cases)('%s', (_name, thrown, timeoutMs, errorClass, errorMessage) => {
    expect(classifyError(thrown, timeoutMs)).toEqual({ errorClass, errorMessage });
  });
});
