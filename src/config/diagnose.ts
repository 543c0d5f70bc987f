/**
 * Connection failures explained in terms of the configuration: librdkafka
 * reports a refused SASL login, a missing client certificate or a TLS client
 * on a plaintext port as log lines and terse error events, then retries
 * forever. These pure functions read those lines, say what went wrong and
 * which keys to fix, and build the typed error a client should fail with.
 *
 * @remarks
 * Feed them the `FAIL` log lines (and error event messages) librdkafka emits
 * while connecting. Messages never include a secret: they may name
 * `sasl.username`'s value and the broker's own reason, never a password.
 *
 * @packageDocumentation
 */
import { AuthenticationError, KafkaError } from '../errors';
import type { ConfigInput } from './types';
import { ConfigView } from './view';

/** What kind of failure the lines show. */
export type ConnectionProblem =
  | 'authentication'
  | 'sasl-mechanism'
  | 'sasl-not-enabled'
  | 'tls-client-certificate'
  | 'tls-verification'
  | 'tls-on-plaintext-listener'
  | 'plaintext-on-tls-listener'
  | 'plaintext-on-sasl-listener'
  | 'unreachable';

/** A diagnosed connection failure. */
export interface ConnectionDiagnosis {
  problem: ConnectionProblem;
  /** What happened, in the configuration's terms. */
  message: string;
  /** Which keys to change. */
  fix: string;
  /** True when the client cannot get in with this configuration: retrying will not help. */
  fatal: boolean;
  /** True for authentication failures (SASL or TLS client authentication). */
  authentication: boolean;
  /** librdkafka's error code and name that fit (`_AUTHENTICATION`, `_SSL`, `_TRANSPORT`). */
  errno: number;
  kafkaName: string;
  /** The librdkafka line the diagnosis rests on (no secrets: librdkafka never logs passwords). */
  evidence: string;
}

const AUTHENTICATION = { errno: -169, kafkaName: '_AUTHENTICATION' };
const SSL = { errno: -181, kafkaName: '_SSL' };
const TRANSPORT = { errno: -195, kafkaName: '_TRANSPORT' };

function reason(line: string): string {
  // "sasl_ssl://127.0.0.1:29392/bootstrap: SASL authentication error: … (after 319ms in state AUTH_REQ)" → the part after the broker name
  const m = /\/(?:bootstrap|\d+):\s*(.*?)(?:\s*\(after \d+ms[^)]*\))?$/.exec(line);
  return (m ? m[1] : line).trim();
}

/**
 * Diagnoses the first conclusive failure in `lines` (librdkafka `FAIL` log
 * lines and error messages, oldest first), or undefined when none is
 * conclusive yet (e.g. only "connection refused": brokers may be restarting).
 */
export function diagnoseConnectionFailure(lines: readonly string[], config: ConfigInput): ConnectionDiagnosis | undefined {
  const view = ConfigView.of(config);
  const protocol = view.protocol().toUpperCase();
  const mechanism = view.mechanism() ?? 'GSSAPI';
  const user = view.str('sasl.username');
  const hasCert = view.has('ssl.certificate.location') || view.has('ssl.certificate.pem') || view.has('ssl.keystore.location');
  const who = user !== undefined ? ` for user "${user}"` : '';
  let unreachable: ConnectionDiagnosis | undefined;

  for (const line of lines) {
    const why = reason(line);
    if (/SASL authentication error|Invalid username or password|invalid credentials/i.test(line)) {
      return {
        problem: 'authentication',
        message: `the broker rejected the ${mechanism} credentials${who}: ${why}`,
        fix: mechanism.startsWith('SCRAM') ? `check sasl.username and sasl.password; the user must have ${mechanism} credentials on the cluster` : 'check sasl.username and sasl.password',
        fatal: true,
        authentication: true,
        ...AUTHENTICATION,
        evidence: why,
      };
    }
    const handshake = /SASL (\S+) mechanism handshake failed:.*?broker's supported mechanisms:\s*([^(]*)/.exec(line);
    if (handshake) {
      const supported = handshake[2].trim();
      if (supported === '') {
        return {
          problem: 'sasl-not-enabled',
          message: `security.protocol is ${protocol} but the listener does not offer SASL: ${why}`,
          fix: 'connect to the SASL listener\'s port, or set security.protocol to PLAINTEXT/SSL to match this listener',
          fatal: true,
          authentication: true,
          ...AUTHENTICATION,
          evidence: why,
        };
      }
      return {
        problem: 'sasl-mechanism',
        message: `the broker does not enable sasl.mechanism=${handshake[1]}; it offers ${supported}`,
        fix: `set sasl.mechanism to one of ${supported}`,
        fatal: true,
        authentication: true,
        ...AUTHENTICATION,
        evidence: why,
      };
    }
    if (/alert (bad certificate|certificate required|unknown ca|certificate unknown)|peer did not return a certificate/i.test(line)) {
      return {
        problem: 'tls-client-certificate',
        message: hasCert
          ? `the broker rejected the client certificate during the TLS handshake: ${why}`
          : `the broker requires a client certificate and none is configured (TLS handshake: ${why})`,
        fix: hasCert ? 'use a client certificate signed by a CA the broker trusts (ssl.certificate.location, ssl.key.location)' : 'set ssl.certificate.location and ssl.key.location (or ssl.keystore.location) to the client certificate and key',
        fatal: true,
        authentication: true,
        ...SSL,
        evidence: why,
      };
    }
    if (/certificate verify failed|broker certificate could not be verified|Hostname mismatch/i.test(line)) {
      const hostname = /Hostname mismatch|hostname/i.test(line) && !/ssl\.ca\.location/.test(line);
      return {
        problem: 'tls-verification',
        message: `the broker's certificate could not be verified: ${why}`,
        fix: hostname
          ? 'connect with the host name in the broker certificate, or (tests only) set ssl.endpoint.identification.algorithm=none'
          : 'set ssl.ca.location to the CA that signed the broker certificates',
        fatal: true,
        authentication: false,
        ...SSL,
        evidence: why,
      };
    }
    if (/SSL handshake failed/.test(line) && /PLAINTEXT broker listener|connection closed by peer|wrong version number|packet length too long/i.test(line)) {
      return {
        problem: 'tls-on-plaintext-listener',
        message: `security.protocol is ${protocol} (TLS) but the listener does not speak TLS: ${why}`,
        fix: `did you mean security.protocol=${protocol === 'SASL_SSL' ? 'SASL_PLAINTEXT' : 'PLAINTEXT'}, or the TLS listener's port?`,
        fatal: true,
        authentication: false,
        ...SSL,
        evidence: why,
      };
    }
    if (!view.usesTls() && /Disconnected.*in state (APIVERSION_QUERY|CONNECT|SSL_HANDSHAKE)/.test(line) && !/Connection refused/i.test(line)) {
      return {
        problem: 'plaintext-on-tls-listener',
        message: `the broker closed the connection on the first request: security.protocol is ${protocol} but this listener probably expects TLS (${why})`,
        fix: `did you mean security.protocol=${protocol === 'SASL_PLAINTEXT' ? 'SASL_SSL' : 'SSL (or SASL_SSL)'}, or the ${protocol} listener's port?`,
        fatal: true,
        authentication: false,
        ...TRANSPORT,
        evidence: why,
      };
    }
    const state = /after (\d+)ms in state (\w+)/.exec(line);
    if (!view.usesSasl() && /Disconnected/.test(line) && state?.[2] === 'UP' && Number(state[1]) < 5000) {
      return {
        problem: 'plaintext-on-sasl-listener',
        message: `the broker closed the connection after the first request: security.protocol is ${protocol} but this listener probably requires SASL authentication (${why})`,
        fix: `did you mean security.protocol=${protocol === 'SSL' ? 'SASL_SSL' : 'SASL_PLAINTEXT (or SASL_SSL)'} with sasl.mechanism, sasl.username and sasl.password?`,
        fatal: true,
        authentication: true,
        ...AUTHENTICATION,
        evidence: why,
      };
    }
    if (!unreachable && /Connection refused|Failed to resolve|No route to host|Connection timed out/i.test(line)) {
      unreachable = {
        problem: 'unreachable',
        message: `cannot reach the broker: ${why}`,
        fix: 'check bootstrap.servers (host and port) and that the brokers run',
        fatal: false,
        authentication: false,
        ...TRANSPORT,
        evidence: why,
      };
    }
  }
  return unreachable;
}

/**
 * The typed error for a diagnosis: {@link AuthenticationError} for
 * authentication failures, {@link KafkaError} otherwise. `context` prefixes
 * the message, e.g. `connect to 127.0.0.1:9093`.
 */
export function connectionError(diagnosis: ConnectionDiagnosis, context = 'connect'): KafkaError {
  const message = `${context}: ${diagnosis.message} (${diagnosis.fix})`;
  const options = { errno: diagnosis.errno, kafkaName: diagnosis.kafkaName, fatal: diagnosis.fatal, retriable: !diagnosis.fatal };
  return diagnosis.authentication ? new AuthenticationError(message, options) : new KafkaError(message, options);
}
