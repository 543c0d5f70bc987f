/** Connection failures, as librdkafka 2.12 logs them against the test cluster, explained in configuration terms. */
import { connectionError, diagnoseConnectionFailure, type ConnectionProblem } from '../../../src/config/diagnose';
import { AuthenticationError, KafkaError } from '../../../src/errors';

const SASL_SSL_SCRAM = { 'bootstrap.servers': 'b:9095', 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.username': 'admin', 'sasl.password': 'wrong-pw-77' };
const SASL_PLAIN = { 'bootstrap.servers': 'b:9094', 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'PLAIN', 'sasl.username': 'admin', 'sasl.password': 'wrong-pw-77' };
const SSL_CA_ONLY = { 'bootstrap.servers': 'b:9093', 'security.protocol': 'SSL', 'ssl.ca.location': '/ca.pem' };
const SSL_MTLS = { ...SSL_CA_ONLY, 'ssl.certificate.location': '/c.pem', 'ssl.key.location': '/k.pem' };
const PLAINTEXT = { 'bootstrap.servers': 'b:9093' };

const ROWS: [string, Record<string, unknown>, string[], ConnectionProblem, RegExp, RegExp, boolean][] = [
  [
    'wrong SCRAM password',
    SASL_SSL_SCRAM,
    ['sasl_ssl://127.0.0.1:29392/bootstrap: SASL authentication error: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512 (after 319ms in state AUTH_REQ)'],
    'authentication',
    /rejected the SCRAM-SHA-512 credentials for user "admin": SASL authentication error: Authentication failed/,
    /SCRAM-SHA-512 credentials on the cluster/,
    true,
  ],
  [
    'wrong PLAIN password',
    SASL_PLAIN,
    ['sasl_plaintext://127.0.0.1:29193/bootstrap: SASL authentication error: Authentication failed: Invalid username or password (after 301ms in state AUTH_REQ)'],
    'authentication',
    /rejected the PLAIN credentials for user "admin"/,
    /check sasl.username and sasl.password/,
    true,
  ],
  [
    'SASL client on a PLAINTEXT listener',
    SASL_PLAIN,
    ["sasl_plaintext://127.0.0.1:29093/bootstrap: SASL PLAIN mechanism handshake failed: Broker: Request not valid in current SASL state: broker's supported mechanisms:  (after 1ms in state AUTH_HANDSHAKE)"],
    'sasl-not-enabled',
    /SASL_PLAINTEXT but the listener does not offer SASL/,
    /SASL listener's port/,
    true,
  ],
  [
    'mechanism the broker does not enable',
    { ...SASL_PLAIN, 'sasl.mechanism': 'SCRAM-SHA-256' },
    ["sasl_plaintext://b:9094/bootstrap: SASL SCRAM-SHA-256 mechanism handshake failed: Broker: Unsupported SASL mechanism: broker's supported mechanisms: PLAIN,OAUTHBEARER (after 2ms in state AUTH_HANDSHAKE)"],
    'sasl-mechanism',
    /does not enable sasl.mechanism=SCRAM-SHA-256; it offers PLAIN,OAUTHBEARER/,
    /set sasl.mechanism to one of PLAIN,OAUTHBEARER/,
    true,
  ],
  [
    'SSL listener without a client certificate',
    SSL_CA_ONLY,
    ['ssl://127.0.0.1:29293/bootstrap: Receive failed: error:0A000412:SSL routines::sslv3 alert bad certificate: SSL alert number 42 (after 0ms in state APIVERSION_QUERY)'],
    'tls-client-certificate',
    /requires a client certificate and none is configured/,
    /set ssl.certificate.location and ssl.key.location/,
    true,
  ],
  [
    'client certificate the broker does not trust',
    SSL_MTLS,
    ['ssl://127.0.0.1:29293/bootstrap: Receive failed: error:0A000418:SSL routines::tlsv1 alert unknown ca: SSL alert number 48 (after 1ms in state APIVERSION_QUERY)'],
    'tls-client-certificate',
    /rejected the client certificate/,
    /signed by a CA the broker trusts/,
    true,
  ],
  [
    'wrong CA',
    SSL_MTLS,
    ['ssl://127.0.0.1:29292/bootstrap: SSL handshake failed: error:0A000086:SSL routines::certificate verify failed: broker certificate could not be verified, verify that ssl.ca.location is correctly configured or root CA certificates are installed (install ca-certificates package) (after 3ms in state SSL_HANDSHAKE)'],
    'tls-verification',
    /broker's certificate could not be verified/,
    /set ssl.ca.location to the CA/,
    false,
  ],
  [
    'TLS client on a PLAINTEXT listener',
    SSL_CA_ONLY,
    ['ssl://127.0.0.1:29093/bootstrap: SSL handshake failed: Disconnected: SSL connection closed by peer: connecting to a PLAINTEXT broker listener? (after 4ms in state SSL_HANDSHAKE)'],
    'tls-on-plaintext-listener',
    /SSL \(TLS\) but the listener does not speak TLS/,
    /did you mean security.protocol=PLAINTEXT/,
    false,
  ],
  [
    'PLAINTEXT client on an SSL listener',
    PLAINTEXT,
    [
      '127.0.0.1:29292/bootstrap: Connect to ipv4#127.0.0.1:29292 failed: Connection refused (after 0ms in state CONNECT)',
      '127.0.0.1:29291/bootstrap: Disconnected: connection closed by peer: receive 0 after POLLIN (after 0ms in state APIVERSION_QUERY)',
    ],
    'plaintext-on-tls-listener',
    /PLAINTEXT but this listener probably expects TLS/,
    /did you mean security.protocol=SSL/,
    false,
  ],
  [
    'PLAINTEXT client on a SASL listener',
    PLAINTEXT,
    ['127.0.0.1:29191/bootstrap: Disconnected: connection closed by peer: receive 0 after POLLIN (after 1ms in state UP)'],
    'plaintext-on-sasl-listener',
    /probably requires SASL authentication/,
    /SASL_PLAINTEXT \(or SASL_SSL\) with sasl.mechanism/,
    true,
  ],
  [
    'nothing listening',
    PLAINTEXT,
    ['127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused (after 0ms in state CONNECT)'],
    'unreachable',
    /cannot reach the broker: Connect to ipv4#127.0.0.1:1 failed: Connection refused/,
    /check bootstrap.servers/,
    false,
  ],
];

describe('diagnoseConnectionFailure', () => {
  it.each(ROWS)('%s', (_name, config, lines, problem, message, fix, authentication) => {
    const d = diagnoseConnectionFailure(lines, config);
    expect(d).toMatchObject({ problem, authentication });
    expect(d!.message).toMatch(message);
    expect(d!.fix).toMatch(fix);
    expect(d!.message + d!.fix).not.toContain('wrong-pw-77');
    const error = connectionError(d!, 'connect to b:9093');
    expect(error).toBeInstanceOf(authentication ? AuthenticationError : KafkaError);
    expect(error.message).toMatch(/^connect to b:9093: /);
    expect(error.fatal).toBe(problem !== 'unreachable');
  });

  it('is undecided on lines that prove nothing', () => {
    expect(diagnoseConnectionFailure([], PLAINTEXT)).toBeUndefined();
    expect(diagnoseConnectionFailure(['b:9092/1: Disconnected (after 60000ms in state UP, 1 identical error(s) suppressed)'], SASL_PLAIN)).toBeUndefined();
  });

  it('prefers a conclusive line over an earlier "connection refused"', () => {
    const d = diagnoseConnectionFailure([ROWS[10][2][0], ROWS[0][2][0]], SASL_SSL_SCRAM);
    expect(d?.problem).toBe('authentication');
  });
});

it('does not take an idle disconnect for a SASL listener', () => {
  expect(diagnoseConnectionFailure(['127.0.0.1:29091/1: Disconnected: connection closed by peer: receive 0 after POLLIN (after 600012ms in state UP)'], PLAINTEXT)).toBeUndefined();
});
