// generated — do not edit.
// Source: node_modules/node-rdkafka/deps/librdkafka/CONFIGURATION.md (librdkafka 2.12.0).
// Regenerate with `npm run codegen` (node scripts/codegen/config.js); a unit test fails when this file is stale.

/** The librdkafka version whose CONFIGURATION.md this file was generated from. */
export const LIBRDKAFKA_CONFIG_VERSION = "2.12.0";

/** How librdkafka parses a property value. `pointer` properties are set through a dedicated API (callbacks, opaque). */
export type ConfigPropertyType = 'string' | 'integer' | 'float' | 'boolean' | 'enum' | 'flags' | 'pattern' | 'pointer';

/** Which client a property applies to (CONFIGURATION.md column C/P: C consumer, P producer, * both). */
export type ConfigPropertyRole = 'producer' | 'consumer' | 'both';

/** One row of librdkafka's CONFIGURATION.md. */
export interface ConfigPropertySpec {
  /** The dotted librdkafka name. */
  readonly name: string;
  /** `global` (rd_kafka_conf_t) or `topic` (rd_kafka_topic_conf_t, also settable on the global config). */
  readonly scope: 'global' | 'topic';
  readonly role: ConfigPropertyRole;
  readonly type: ConfigPropertyType;
  readonly importance: 'low' | 'medium' | 'high';
  /** The property this one is an alias for. */
  readonly aliasOf?: string;
  readonly deprecated?: boolean;
  readonly experimental?: boolean;
  /** Inclusive range of `integer` and `float` properties. */
  readonly min?: number;
  readonly max?: number;
  /** Allowed values of `enum` and `flags` properties (librdkafka compares them case-insensitively). */
  readonly values?: readonly string[];
  /** Words an `integer` property accepts besides numbers, e.g. `acks=all` (-1). */
  readonly words?: Readonly<Record<string, number>>;
  readonly default?: string | number | boolean;
  readonly description: string;
}

/** Every property of CONFIGURATION.md, global ones first, in the order of the file. */
export const CONFIG_PROPERTIES: readonly ConfigPropertySpec[] = [
  {"name":"builtin.features","scope":"global","role":"both","type":"flags","importance":"low","default":"gzip, snappy, ssl, sasl, regex, lz4, sasl_gssapi, sasl_plain, sasl_scram, plugins, zstd, sasl_oauthbearer, http, oidc","description":"Indicates the builtin features for this build of librdkafka. An application can either query this value or attempt to set it with its list of required features to check for library support."},
  {"name":"client.id","scope":"global","role":"both","type":"string","importance":"low","default":"rdkafka","description":"Client identifier."},
  {"name":"metadata.broker.list","scope":"global","role":"both","type":"string","importance":"high","description":"Initial list of brokers as a CSV list of broker host or host:port. The application may also use `rd_kafka_brokers_add()` to add brokers during runtime."},
  {"name":"bootstrap.servers","scope":"global","role":"both","type":"string","importance":"high","aliasOf":"metadata.broker.list","description":"Alias for `metadata.broker.list`: Initial list of brokers as a CSV list of broker host or host:port. The application may also use `rd_kafka_brokers_add()` to add brokers during runtime."},
  {"name":"message.max.bytes","scope":"global","role":"both","type":"integer","importance":"medium","min":1000,"max":1000000000,"default":1000000,"description":"Maximum Kafka protocol request message size. Due to differing framing overhead between protocol versions the producer is unable to reliably enforce a strict max message limit at produce time and may exceed the maximum size by one message in protocol ProduceRequests, the broker will enforce the the topic's `max.message.bytes` limit (see Apache Kafka documentation)."},
  {"name":"message.copy.max.bytes","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":1000000000,"default":65535,"description":"Maximum size for message to be copied to buffer. Messages larger than this will be passed by reference (zero-copy) at the expense of larger iovecs."},
  {"name":"receive.message.max.bytes","scope":"global","role":"both","type":"integer","importance":"medium","min":1000,"max":2147483647,"default":100000000,"description":"Maximum Kafka protocol response message size. This serves as a safety precaution to avoid memory exhaustion in case of protocol hickups. This value must be at least `fetch.max.bytes`  + 512 to allow for protocol overhead; the value is adjusted automatically unless the configuration property is explicitly set."},
  {"name":"max.in.flight.requests.per.connection","scope":"global","role":"both","type":"integer","importance":"low","min":1,"max":1000000,"default":1000000,"description":"Maximum number of in-flight requests per broker connection. This is a generic property applied to all broker communication, however it is primarily relevant to produce requests. In particular, note that other mechanisms limit the number of outstanding consumer fetch request per broker to one."},
  {"name":"max.in.flight","scope":"global","role":"both","type":"integer","importance":"low","aliasOf":"max.in.flight.requests.per.connection","min":1,"max":1000000,"default":1000000,"description":"Alias for `max.in.flight.requests.per.connection`: Maximum number of in-flight requests per broker connection. This is a generic property applied to all broker communication, however it is primarily relevant to produce requests. In particular, note that other mechanisms limit the number of outstanding consumer fetch request per broker to one."},
  {"name":"metadata.recovery.strategy","scope":"global","role":"both","type":"enum","importance":"low","values":["none","rebootstrap"],"default":"rebootstrap","description":"Controls how the client recovers when none of the brokers known to it is available. If set to `none`, the client doesn't re-bootstrap. If set to `rebootstrap`, the client repeats the bootstrap process using `bootstrap.servers` and brokers added through `rd_kafka_brokers_add()`. Rebootstrapping is useful when a client communicates with brokers so infrequently that the set of brokers may change entirely before the client refreshes metadata. Metadata recovery is triggered when all last-known brokers appear unavailable simultaneously or the client cannot refresh metadata within `metadata.recovery.rebootstrap.trigger.ms` or it's requested in a metadata response."},
  {"name":"metadata.recovery.rebootstrap.trigger.ms","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":2147483647,"default":300000,"description":"If a client configured to rebootstrap using `metadata.recovery.strategy=rebootstrap` is unable to obtain metadata from any of the brokers for this interval, client repeats the bootstrap process using `bootstrap.servers` configuration and brokers added through `rd_kafka_brokers_add()`."},
  {"name":"topic.metadata.refresh.interval.ms","scope":"global","role":"both","type":"integer","importance":"low","min":-1,"max":3600000,"default":300000,"description":"Period of time in milliseconds at which topic and broker metadata is refreshed in order to proactively discover any new brokers, topics, partitions or partition leader changes. Use -1 to disable the intervalled refresh (not recommended). If there are no locally referenced topics (no topic objects created, no messages produced, no subscription or no assignment) then only the broker list will be refreshed every interval but no more often than every 10s."},
  {"name":"metadata.max.age.ms","scope":"global","role":"both","type":"integer","importance":"low","min":1,"max":86400000,"default":900000,"description":"Metadata cache max age. Defaults to topic.metadata.refresh.interval.ms * 3"},
  {"name":"topic.metadata.refresh.fast.interval.ms","scope":"global","role":"both","type":"integer","importance":"low","min":1,"max":60000,"default":100,"description":"When a topic loses its leader a new metadata request will be enqueued immediately and then with this initial interval, exponentially increasing upto `retry.backoff.max.ms`, until the topic metadata has been refreshed. If not set explicitly, it will be defaulted to `retry.backoff.ms`. This is used to recover quickly from transitioning leader brokers."},
  {"name":"topic.metadata.refresh.fast.cnt","scope":"global","role":"both","type":"integer","importance":"low","deprecated":true,"min":0,"max":1000,"default":10,"description":"**DEPRECATED** No longer used."},
  {"name":"topic.metadata.refresh.sparse","scope":"global","role":"both","type":"boolean","importance":"low","default":true,"description":"Sparse metadata requests (consumes less network bandwidth)"},
  {"name":"topic.metadata.propagation.max.ms","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":3600000,"default":30000,"description":"Apache Kafka topic creation is asynchronous and it takes some time for a new topic to propagate throughout the cluster to all brokers. If a client requests topic metadata after manual topic creation but before the topic has been fully propagated to the broker the client is requesting metadata from, the topic will seem to be non-existent and the client will mark the topic as such, failing queued produced messages with `ERR__UNKNOWN_TOPIC`. This setting delays marking a topic as non-existent until the configured propagation max time has passed. The maximum propagation time is calculated from the time the topic is first referenced in the client, e.g., on produce()."},
  {"name":"topic.blacklist","scope":"global","role":"both","type":"pattern","importance":"low","description":"Topic blacklist, a comma-separated list of regular expressions for matching topic names that should be ignored in broker metadata information as if the topics did not exist."},
  {"name":"debug","scope":"global","role":"both","type":"flags","importance":"medium","values":["generic","broker","topic","metadata","feature","queue","msg","protocol","cgrp","security","fetch","interceptor","plugin","consumer","admin","eos","mock","assignor","conf","telemetry","all"],"description":"A comma-separated list of debug contexts to enable. Detailed Producer debugging: broker,topic,msg. Consumer: consumer,cgrp,topic,fetch"},
  {"name":"socket.timeout.ms","scope":"global","role":"both","type":"integer","importance":"low","min":10,"max":300000,"default":60000,"description":"Default timeout for network requests. Producer: ProduceRequests will use the lesser value of `socket.timeout.ms` and remaining `message.timeout.ms` for the first message in the batch. Consumer: FetchRequests will use `fetch.wait.max.ms` + `socket.timeout.ms`. Admin: Admin requests will use `socket.timeout.ms` or explicitly set `rd_kafka_AdminOptions_set_operation_timeout()` value."},
  {"name":"socket.blocking.max.ms","scope":"global","role":"both","type":"integer","importance":"low","deprecated":true,"min":1,"max":60000,"default":1000,"description":"**DEPRECATED** No longer used."},
  {"name":"socket.send.buffer.bytes","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":100000000,"default":0,"description":"Broker socket send buffer size. System default is used if 0."},
  {"name":"socket.receive.buffer.bytes","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":100000000,"default":0,"description":"Broker socket receive buffer size. System default is used if 0."},
  {"name":"socket.keepalive.enable","scope":"global","role":"both","type":"boolean","importance":"low","default":false,"description":"Enable TCP keep-alives (SO_KEEPALIVE) on broker sockets"},
  {"name":"socket.nagle.disable","scope":"global","role":"both","type":"boolean","importance":"low","default":true,"description":"Disable the Nagle algorithm (TCP_NODELAY) on broker sockets."},
  {"name":"socket.max.fails","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":1000000,"default":1,"description":"Disconnect from broker when this number of send failures (e.g., timed out requests) is reached. Disable with 0. WARNING: It is highly recommended to leave this setting at its default value of 1 to avoid the client and broker to become desynchronized in case of request timeouts. NOTE: The connection is automatically re-established."},
  {"name":"broker.address.ttl","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":86400000,"default":1000,"description":"How long to cache the broker address resolving results (milliseconds)."},
  {"name":"broker.address.family","scope":"global","role":"both","type":"enum","importance":"low","values":["any","v4","v6"],"default":"any","description":"Allowed broker IP address families: any, v4, v6"},
  {"name":"socket.connection.setup.timeout.ms","scope":"global","role":"both","type":"integer","importance":"medium","min":1000,"max":2147483647,"default":30000,"description":"Maximum time allowed for broker connection setup (TCP connection setup as well SSL and SASL handshake). If the connection to the broker is not fully functional after this the connection will be closed and retried."},
  {"name":"connections.max.idle.ms","scope":"global","role":"both","type":"integer","importance":"medium","min":0,"max":2147483647,"default":0,"description":"Close broker connections after the specified time of inactivity. Disable with 0. If this property is left at its default value some heuristics are performed to determine a suitable default value, this is currently limited to identifying brokers on Azure (see librdkafka issue #3109 for more info). Actual value can be lower, up to 2s lower, only if `connections.max.idle.ms` >= 4s, as jitter is added to avoid disconnecting all brokers at the same time."},
  {"name":"reconnect.backoff.jitter.ms","scope":"global","role":"both","type":"integer","importance":"low","deprecated":true,"min":0,"max":3600000,"default":0,"description":"**DEPRECATED** No longer used. See `reconnect.backoff.ms` and `reconnect.backoff.max.ms`."},
  {"name":"reconnect.backoff.ms","scope":"global","role":"both","type":"integer","importance":"medium","min":0,"max":3600000,"default":100,"description":"The initial time to wait before reconnecting to a broker after the connection has been closed. The time is increased exponentially until `reconnect.backoff.max.ms` is reached. -25% to +50% jitter is applied to each reconnect backoff. A value of 0 disables the backoff and reconnects immediately."},
  {"name":"reconnect.backoff.max.ms","scope":"global","role":"both","type":"integer","importance":"medium","min":0,"max":3600000,"default":10000,"description":"The maximum time to wait before reconnecting to a broker after the connection has been closed."},
  {"name":"statistics.interval.ms","scope":"global","role":"both","type":"integer","importance":"high","min":0,"max":86400000,"default":0,"description":"librdkafka statistics emit interval. The application also needs to register a stats callback using `rd_kafka_conf_set_stats_cb()`. The granularity is 1000ms. A value of 0 disables statistics."},
  {"name":"enabled_events","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":2147483647,"default":0,"description":"See `rd_kafka_conf_set_events()`"},
  {"name":"error_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Error callback (set with rd_kafka_conf_set_error_cb())"},
  {"name":"throttle_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Throttle callback (set with rd_kafka_conf_set_throttle_cb())"},
  {"name":"stats_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Statistics callback (set with rd_kafka_conf_set_stats_cb())"},
  {"name":"log_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Log callback (set with rd_kafka_conf_set_log_cb())"},
  {"name":"log_level","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":7,"default":6,"description":"Logging level (syslog(3) levels)"},
  {"name":"log.queue","scope":"global","role":"both","type":"boolean","importance":"low","default":false,"description":"Disable spontaneous log_cb from internal librdkafka threads, instead enqueue log messages on queue set with `rd_kafka_set_log_queue()` and serve log callbacks or events through the standard poll APIs. **NOTE**: Log messages will linger in a temporary queue until the log queue has been set."},
  {"name":"log.thread.name","scope":"global","role":"both","type":"boolean","importance":"low","default":true,"description":"Print internal thread name in log messages (useful for debugging librdkafka internals)"},
  {"name":"enable.random.seed","scope":"global","role":"both","type":"boolean","importance":"low","default":true,"description":"If enabled librdkafka will initialize the PRNG with srand(current_time.milliseconds) on the first invocation of rd_kafka_new() (required only if rand_r() is not available on your platform). If disabled the application must call srand() prior to calling rd_kafka_new()."},
  {"name":"log.connection.close","scope":"global","role":"both","type":"boolean","importance":"low","default":true,"description":"Log broker disconnects. It might be useful to turn this off when interacting with 0.9 brokers with an aggressive `connections.max.idle.ms` value."},
  {"name":"background_event_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Background queue event callback (set with rd_kafka_conf_set_background_event_cb())"},
  {"name":"socket_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Socket creation callback to provide race-free CLOEXEC"},
  {"name":"connect_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Socket connect callback"},
  {"name":"closesocket_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Socket close callback"},
  {"name":"open_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"File open callback to provide race-free CLOEXEC"},
  {"name":"resolve_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Address resolution callback (set with rd_kafka_conf_set_resolve_cb())."},
  {"name":"opaque","scope":"global","role":"both","type":"pointer","importance":"low","description":"Application opaque (set with rd_kafka_conf_set_opaque())"},
  {"name":"default_topic_conf","scope":"global","role":"both","type":"pointer","importance":"low","description":"Default topic configuration for automatically subscribed topics"},
  {"name":"internal.termination.signal","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":128,"default":0,"description":"Signal that librdkafka will use to quickly terminate on rd_kafka_destroy(). If this signal is not set then there will be a delay before rd_kafka_wait_destroyed() returns true as internal threads are timing out their system calls. If this signal is set however the delay will be minimal. The application should mask this signal as an internal signal handler is installed."},
  {"name":"api.version.request","scope":"global","role":"both","type":"boolean","importance":"high","deprecated":true,"default":true,"description":"**DEPRECATED** **Post-deprecation actions: remove this configuration property, brokers < 0.10.0 won't be supported anymore in librdkafka 3.x.** Request broker's supported API versions to adjust functionality to available protocol features. If set to false, or the ApiVersionRequest fails, the fallback version `broker.version.fallback` will be used. **NOTE**: Depends on broker version >=0.10.0. If the request is not supported by (an older) broker the `broker.version.fallback` fallback is used."},
  {"name":"api.version.request.timeout.ms","scope":"global","role":"both","type":"integer","importance":"low","min":1,"max":300000,"default":10000,"description":"Timeout for broker API version requests."},
  {"name":"api.version.fallback.ms","scope":"global","role":"both","type":"integer","importance":"medium","deprecated":true,"min":0,"max":604800000,"default":0,"description":"**DEPRECATED** **Post-deprecation actions: remove this configuration property, brokers < 0.10.0 won't be supported anymore in librdkafka 3.x.** Dictates how long the `broker.version.fallback` fallback is used in the case the ApiVersionRequest fails. **NOTE**: The ApiVersionRequest is only issued when a new connection to the broker is made (such as after an upgrade)."},
  {"name":"broker.version.fallback","scope":"global","role":"both","type":"string","importance":"medium","deprecated":true,"default":"0.10.0","description":"**DEPRECATED** **Post-deprecation actions: remove this configuration property, brokers < 0.10.0 won't be supported anymore in librdkafka 3.x.** Older broker versions (before 0.10.0) provide no way for a client to query for supported protocol features (ApiVersionRequest, see `api.version.request`) making it impossible for the client to know what features it may use. As a workaround a user may set this property to the expected broker version and the client will automatically adjust its feature set accordingly if the ApiVersionRequest fails (or is disabled). The fallback broker version will be used for `api.version.fallback.ms`. Valid values are: 0.9.0, 0.8.2, 0.8.1, 0.8.0. Any other value >= 0.10, such as 0.10.2.1, enables ApiVersionRequests."},
  {"name":"allow.auto.create.topics","scope":"global","role":"both","type":"boolean","importance":"low","default":false,"description":"Allow automatic topic creation on the broker when subscribing to or assigning non-existent topics. The broker must also be configured with `auto.create.topics.enable=true` for this configuration to take effect. Note: the default value (true) for the producer is different from the default value (false) for the consumer. Further, the consumer default value is different from the Java consumer (true), and this property is not supported by the Java producer. Requires broker version >= 0.11.0.0, for older broker versions only the broker configuration applies."},
  {"name":"security.protocol","scope":"global","role":"both","type":"enum","importance":"high","values":["plaintext","ssl","sasl_plaintext","sasl_ssl"],"default":"plaintext","description":"Protocol used to communicate with brokers."},
  {"name":"ssl.cipher.suites","scope":"global","role":"both","type":"string","importance":"low","description":"A cipher suite is a named combination of authentication, encryption, MAC and key exchange algorithm used to negotiate the security settings for a network connection using TLS or SSL network protocol. See manual page for `ciphers(1)` and `SSL_CTX_set_cipher_list(3)."},
  {"name":"ssl.curves.list","scope":"global","role":"both","type":"string","importance":"low","description":"The supported-curves extension in the TLS ClientHello message specifies the curves (standard/named, or 'explicit' GF(2^k) or GF(p)) the client is willing to have the server use. See manual page for `SSL_CTX_set1_curves_list(3)`. OpenSSL >= 1.0.2 required."},
  {"name":"ssl.sigalgs.list","scope":"global","role":"both","type":"string","importance":"low","description":"The client uses the TLS ClientHello signature_algorithms extension to indicate to the server which signature/hash algorithm pairs may be used in digital signatures. See manual page for `SSL_CTX_set1_sigalgs_list(3)`. OpenSSL >= 1.0.2 required."},
  {"name":"ssl.key.location","scope":"global","role":"both","type":"string","importance":"low","description":"Path to client's private key (PEM) used for authentication."},
  {"name":"ssl.key.password","scope":"global","role":"both","type":"string","importance":"low","description":"Private key passphrase (for use with `ssl.key.location` and `set_ssl_cert()`)"},
  {"name":"ssl.key.pem","scope":"global","role":"both","type":"string","importance":"low","description":"Client's private key string (PEM format) used for authentication."},
  {"name":"ssl_key","scope":"global","role":"both","type":"pointer","importance":"low","description":"Client's private key as set by rd_kafka_conf_set_ssl_cert()"},
  {"name":"ssl.certificate.location","scope":"global","role":"both","type":"string","importance":"low","description":"Path to client's public key (PEM) used for authentication."},
  {"name":"ssl.certificate.pem","scope":"global","role":"both","type":"string","importance":"low","description":"Client's public key string (PEM format) used for authentication."},
  {"name":"ssl_certificate","scope":"global","role":"both","type":"pointer","importance":"low","description":"Client's public key as set by rd_kafka_conf_set_ssl_cert()"},
  {"name":"ssl.ca.location","scope":"global","role":"both","type":"string","importance":"low","description":"File or directory path to CA certificate(s) for verifying the broker's key. Defaults: On Windows the system's CA certificates are automatically looked up in the Windows Root certificate store. On Mac OSX this configuration defaults to `probe`. It is recommended to install openssl using Homebrew, to provide CA certificates. On Linux install the distribution's ca-certificates package. If OpenSSL is statically linked or `ssl.ca.location` is set to `probe` a list of standard paths will be probed and the first one found will be used as the default CA certificate location path. If OpenSSL is dynamically linked the OpenSSL library's default path will be used (see `OPENSSLDIR` in `openssl version -a`)."},
  {"name":"https.ca.location","scope":"global","role":"both","type":"string","importance":"low","description":"File or directory path to CA certificate(s) for verifying HTTPS endpoints, like `sasl.oauthbearer.token.endpoint.url` used for OAUTHBEARER/OIDC authentication. Mutually exclusive with `https.ca.pem`. Defaults: On Windows the system's CA certificates are automatically looked up in the Windows Root certificate store. On Mac OSX this configuration defaults to `probe`. It is recommended to install openssl using Homebrew, to provide CA certificates. On Linux install the distribution's ca-certificates package. If OpenSSL is statically linked or `https.ca.location` is set to `probe` a list of standard paths will be probed and the first one found will be used as the default CA certificate location path. If OpenSSL is dynamically linked the OpenSSL library's default path will be used (see `OPENSSLDIR` in `openssl version -a`)."},
  {"name":"https.ca.pem","scope":"global","role":"both","type":"string","importance":"low","description":"CA certificate string (PEM format) for verifying HTTPS endpoints. Mutually exclusive with `https.ca.location`. Optional: see `https.ca.location`."},
  {"name":"ssl.ca.pem","scope":"global","role":"both","type":"string","importance":"low","description":"CA certificate string (PEM format) for verifying the broker's key."},
  {"name":"ssl_ca","scope":"global","role":"both","type":"pointer","importance":"low","description":"CA certificate as set by rd_kafka_conf_set_ssl_cert()"},
  {"name":"ssl.ca.certificate.stores","scope":"global","role":"both","type":"string","importance":"low","default":"Root","description":"Comma-separated list of Windows Certificate stores to load CA certificates from. Certificates will be loaded in the same order as stores are specified. If no certificates can be loaded from any of the specified stores an error is logged and the OpenSSL library's default CA location is used instead. Store names are typically one or more of: MY, Root, Trust, CA."},
  {"name":"ssl.crl.location","scope":"global","role":"both","type":"string","importance":"low","description":"Path to CRL for verifying broker's certificate validity."},
  {"name":"ssl.keystore.location","scope":"global","role":"both","type":"string","importance":"low","description":"Path to client's keystore (PKCS#12) used for authentication."},
  {"name":"ssl.keystore.password","scope":"global","role":"both","type":"string","importance":"low","description":"Client's keystore (PKCS#12) password."},
  {"name":"ssl.providers","scope":"global","role":"both","type":"string","importance":"low","description":"Comma-separated list of OpenSSL 3.0.x implementation providers. E.g., \"default,legacy\"."},
  {"name":"ssl.engine.location","scope":"global","role":"both","type":"string","importance":"low","deprecated":true,"description":"**DEPRECATED** Path to OpenSSL engine library. OpenSSL >= 1.1.x required. DEPRECATED: OpenSSL engine support is deprecated and should be replaced by OpenSSL 3 providers."},
  {"name":"ssl.engine.id","scope":"global","role":"both","type":"string","importance":"low","default":"dynamic","description":"OpenSSL engine id is the name used for loading engine."},
  {"name":"ssl_engine_callback_data","scope":"global","role":"both","type":"pointer","importance":"low","description":"OpenSSL engine callback data (set with rd_kafka_conf_set_engine_callback_data())."},
  {"name":"enable.ssl.certificate.verification","scope":"global","role":"both","type":"boolean","importance":"low","default":true,"description":"Enable OpenSSL's builtin broker (server) certificate verification. This verification can be extended by the application by implementing a certificate_verify_cb."},
  {"name":"ssl.endpoint.identification.algorithm","scope":"global","role":"both","type":"enum","importance":"low","values":["none","https"],"default":"https","description":"Endpoint identification algorithm to validate broker hostname using broker certificate. https - Server (broker) hostname verification as specified in RFC2818. none - No endpoint verification. OpenSSL >= 1.0.2 required."},
  {"name":"ssl.certificate.verify_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"Callback to verify the broker certificate chain."},
  {"name":"sasl.mechanisms","scope":"global","role":"both","type":"string","importance":"high","default":"GSSAPI","description":"SASL mechanism to use for authentication. Supported: GSSAPI, PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER. **NOTE**: Despite the name only one mechanism must be configured."},
  {"name":"sasl.mechanism","scope":"global","role":"both","type":"string","importance":"high","aliasOf":"sasl.mechanisms","default":"GSSAPI","description":"Alias for `sasl.mechanisms`: SASL mechanism to use for authentication. Supported: GSSAPI, PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER. **NOTE**: Despite the name only one mechanism must be configured."},
  {"name":"sasl.kerberos.service.name","scope":"global","role":"both","type":"string","importance":"low","default":"kafka","description":"Kerberos principal name that Kafka runs as, not including /hostname@REALM"},
  {"name":"sasl.kerberos.principal","scope":"global","role":"both","type":"string","importance":"low","default":"kafkaclient","description":"This client's Kerberos principal name. (Not supported on Windows, will use the logon user's principal)."},
  {"name":"sasl.kerberos.kinit.cmd","scope":"global","role":"both","type":"string","importance":"low","default":"kinit -R -t \"%{sasl.kerberos.keytab}\" -k %{sasl.kerberos.principal} || kinit -t \"%{sasl.kerberos.keytab}\" -k %{sasl.kerberos.principal}","description":"Shell command to refresh or acquire the client's Kerberos ticket. This command is executed on client creation and every sasl.kerberos.min.time.before.relogin (0=disable). %{config.prop.name} is replaced by corresponding config object value."},
  {"name":"sasl.kerberos.keytab","scope":"global","role":"both","type":"string","importance":"low","description":"Path to Kerberos keytab file. This configuration property is only used as a variable in `sasl.kerberos.kinit.cmd` as ` ... -t \"%{sasl.kerberos.keytab}\"`."},
  {"name":"sasl.kerberos.min.time.before.relogin","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":86400000,"default":60000,"description":"Minimum time in milliseconds between key refresh attempts. Disable automatic key refresh by setting this property to 0."},
  {"name":"sasl.username","scope":"global","role":"both","type":"string","importance":"high","description":"SASL username for use with the PLAIN and SASL-SCRAM-.. mechanisms"},
  {"name":"sasl.password","scope":"global","role":"both","type":"string","importance":"high","description":"SASL password for use with the PLAIN and SASL-SCRAM-.. mechanism"},
  {"name":"sasl.oauthbearer.config","scope":"global","role":"both","type":"string","importance":"low","description":"SASL/OAUTHBEARER configuration. The format is implementation-dependent and must be parsed accordingly. The default unsecured token implementation (see https://tools.ietf.org/html/rfc7515#appendix-A.5) recognizes space-separated name=value pairs with valid names including principalClaimName, principal, scopeClaimName, scope, and lifeSeconds. The default value for principalClaimName is \"sub\", the default value for scopeClaimName is \"scope\", and the default value for lifeSeconds is 3600. The scope value is CSV format with the default value being no/empty scope. For example: `principalClaimName=azp principal=admin scopeClaimName=roles scope=role1,role2 lifeSeconds=600`. In addition, SASL extensions can be communicated to the broker via `extension_NAME=value`. For example: `principal=admin extension_traceId=123`"},
  {"name":"enable.sasl.oauthbearer.unsecure.jwt","scope":"global","role":"both","type":"boolean","importance":"low","default":false,"description":"Enable the builtin unsecure JWT OAUTHBEARER token handler if no oauthbearer_refresh_cb has been set. This builtin handler should only be used for development or testing, and not in production."},
  {"name":"oauthbearer_token_refresh_cb","scope":"global","role":"both","type":"pointer","importance":"low","description":"SASL/OAUTHBEARER token refresh callback (set with rd_kafka_conf_set_oauthbearer_token_refresh_cb(), triggered by rd_kafka_poll(), et.al. This callback will be triggered when it is time to refresh the client's OAUTHBEARER token. Also see `rd_kafka_conf_enable_sasl_queue()`."},
  {"name":"sasl.oauthbearer.method","scope":"global","role":"both","type":"enum","importance":"low","values":["default","oidc"],"default":"default","description":"Set to \"default\" or \"oidc\" to control which login method to be used. If set to \"oidc\", the following properties must also be be specified: `sasl.oauthbearer.client.id`, `sasl.oauthbearer.client.secret`, and `sasl.oauthbearer.token.endpoint.url`."},
  {"name":"sasl.oauthbearer.client.id","scope":"global","role":"both","type":"string","importance":"low","description":"Public identifier for the application. Must be unique across all clients that the authorization server handles. Only used when `sasl.oauthbearer.method` is set to \"oidc\"."},
  {"name":"sasl.oauthbearer.client.credentials.client.id","scope":"global","role":"both","type":"string","importance":"low","aliasOf":"sasl.oauthbearer.client.id","description":"Alias for `sasl.oauthbearer.client.id`: Public identifier for the application. Must be unique across all clients that the authorization server handles. Only used when `sasl.oauthbearer.method` is set to \"oidc\"."},
  {"name":"sasl.oauthbearer.client.credentials.client.secret","scope":"global","role":"both","type":"string","importance":"low","aliasOf":"sasl.oauthbearer.client.secret","description":"Alias for `sasl.oauthbearer.client.secret`: Client secret only known to the application and the authorization server. This should be a sufficiently random string that is not guessable. Only used when `sasl.oauthbearer.method` is set to \"oidc\"."},
  {"name":"sasl.oauthbearer.client.secret","scope":"global","role":"both","type":"string","importance":"low","description":"Client secret only known to the application and the authorization server. This should be a sufficiently random string that is not guessable. Only used when `sasl.oauthbearer.method` is set to \"oidc\"."},
  {"name":"sasl.oauthbearer.scope","scope":"global","role":"both","type":"string","importance":"low","description":"Client use this to specify the scope of the access request to the broker. Only used when `sasl.oauthbearer.method` is set to \"oidc\"."},
  {"name":"sasl.oauthbearer.extensions","scope":"global","role":"both","type":"string","importance":"low","description":"Allow additional information to be provided to the broker. Comma-separated list of key=value pairs. E.g., \"supportFeatureX=true,organizationId=sales-emea\".Only used when `sasl.oauthbearer.method` is set to \"oidc\"."},
  {"name":"sasl.oauthbearer.token.endpoint.url","scope":"global","role":"both","type":"string","importance":"low","description":"OAuth/OIDC issuer token endpoint HTTP(S) URI used to retrieve token. Only used when `sasl.oauthbearer.method` is set to \"oidc\"."},
  {"name":"sasl.oauthbearer.grant.type","scope":"global","role":"both","type":"enum","importance":"low","values":["client_credentials","urn:ietf:params:oauth:grant-type:jwt-bearer"],"default":"client_credentials","description":"OAuth grant type to use when communicating with the identity provider."},
  {"name":"sasl.oauthbearer.assertion.algorithm","scope":"global","role":"both","type":"enum","importance":"low","values":["RS256","ES256"],"default":"RS256","description":"Algorithm the client should use to sign the assertion sent to the identity provider and in the OAuth alg header in the JWT assertion."},
  {"name":"sasl.oauthbearer.assertion.private.key.file","scope":"global","role":"both","type":"string","importance":"low","description":"Path to client's private key (PEM) used for authentication when using the JWT assertion."},
  {"name":"sasl.oauthbearer.assertion.private.key.passphrase","scope":"global","role":"both","type":"string","importance":"low","description":"Private key passphrase for `sasl.oauthbearer.assertion.private.key.file` or `sasl.oauthbearer.assertion.private.key.pem`."},
  {"name":"sasl.oauthbearer.assertion.private.key.pem","scope":"global","role":"both","type":"string","importance":"low","description":"Client's private key (PEM) used for authentication when using the JWT assertion."},
  {"name":"sasl.oauthbearer.assertion.file","scope":"global","role":"both","type":"string","importance":"low","description":"Path to the assertion file. Only used when `sasl.oauthbearer.method` is set to \"oidc\" and JWT assertion is needed."},
  {"name":"sasl.oauthbearer.assertion.claim.aud","scope":"global","role":"both","type":"string","importance":"low","description":"JWT audience claim. Only used when `sasl.oauthbearer.method` is set to \"oidc\" and JWT assertion is needed."},
  {"name":"sasl.oauthbearer.assertion.claim.exp.seconds","scope":"global","role":"both","type":"integer","importance":"low","min":1,"max":2147483647,"default":300,"description":"Assertion expiration time in seconds. Only used when `sasl.oauthbearer.method` is set to \"oidc\" and JWT assertion is needed."},
  {"name":"sasl.oauthbearer.assertion.claim.iss","scope":"global","role":"both","type":"string","importance":"low","description":"JWT issuer claim. Only used when `sasl.oauthbearer.method` is set to \"oidc\" and JWT assertion is needed."},
  {"name":"sasl.oauthbearer.assertion.claim.jti.include","scope":"global","role":"both","type":"boolean","importance":"low","default":false,"description":"JWT ID claim. When set to `true`, a random UUID is generated. Only used when `sasl.oauthbearer.method` is set to \"oidc\" and JWT assertion is needed."},
  {"name":"sasl.oauthbearer.assertion.claim.nbf.seconds","scope":"global","role":"both","type":"integer","importance":"low","min":0,"max":2147483647,"default":60,"description":"Assertion not before time in seconds. Only used when `sasl.oauthbearer.method` is set to \"oidc\" and JWT assertion is needed."},
  {"name":"sasl.oauthbearer.assertion.claim.sub","scope":"global","role":"both","type":"string","importance":"low","description":"JWT subject claim. Only used when `sasl.oauthbearer.method` is set to \"oidc\" and JWT assertion is needed."},
  {"name":"sasl.oauthbearer.assertion.jwt.template.file","scope":"global","role":"both","type":"string","importance":"low","description":"Path to the JWT template file. Only used when `sasl.oauthbearer.method` is set to \"oidc\" and JWT assertion is needed."},
  {"name":"sasl.oauthbearer.metadata.authentication.type","scope":"global","role":"both","type":"enum","importance":"low","values":["none","azure_imds"],"default":"none","description":"Type of metadata-based authentication to use for OAUTHBEARER/OIDC `azure_imds` authenticates using the Azure IMDS endpoint. Sets a default value for `sasl.oauthbearer.token.endpoint.url` if missing. Configuration values specific of chosen authentication type can be passed through `sasl.oauthbearer.config`."},
  {"name":"plugin.library.paths","scope":"global","role":"both","type":"string","importance":"low","description":"List of plugin libraries to load (; separated). The library search path is platform dependent (see dlopen(3) for Unix and LoadLibrary() for Windows). If no filename extension is specified the platform-specific extension (such as .dll or .so) will be appended automatically."},
  {"name":"interceptors","scope":"global","role":"both","type":"pointer","importance":"low","description":"Interceptors added through rd_kafka_conf_interceptor_add_..() and any configuration handled by interceptors."},
  {"name":"group.id","scope":"global","role":"consumer","type":"string","importance":"high","description":"Client group id string. All clients sharing the same group.id belong to the same group."},
  {"name":"group.instance.id","scope":"global","role":"consumer","type":"string","importance":"medium","description":"Enable static group membership. Static group members are able to leave and rejoin a group within the configured `session.timeout.ms` without prompting a group rebalance. This should be used in combination with a larger `session.timeout.ms` to avoid group rebalances caused by transient unavailability (e.g. process restarts). Requires broker version >= 2.3.0."},
  {"name":"partition.assignment.strategy","scope":"global","role":"consumer","type":"string","importance":"medium","default":"range,roundrobin","description":"The name of one or more partition assignment strategies. The elected group leader will use a strategy supported by all members of the group to assign partitions to group members. If there is more than one eligible strategy, preference is determined by the order of this list (strategies earlier in the list have higher priority). Cooperative and non-cooperative (eager)strategies must not be mixed. `partition.assignment.strategy` is not supported for `group.protocol=consumer`. Use `group.remote.assignor` instead. Available strategies: range, roundrobin, cooperative-sticky."},
  {"name":"session.timeout.ms","scope":"global","role":"consumer","type":"integer","importance":"high","min":1,"max":3600000,"default":45000,"description":"Client group session and failure detection timeout. The consumer sends periodic heartbeats (heartbeat.interval.ms) to indicate its liveness to the broker. If no hearts are received by the broker for a group member within the session timeout, the broker will remove the consumer from the group and trigger a rebalance. The allowed range is configured with the **broker** configuration properties `group.min.session.timeout.ms` and `group.max.session.timeout.ms`. `session.timeout.ms` is not supported for `group.protocol=consumer`. It is set with the broker configuration property `group.consumer.session.timeout.ms` by default or can be configured through the AdminClient IncrementalAlterConfigs API. The allowed range is configured with the broker configuration properties `group.consumer.min.session.timeout.ms` and `group.consumer.max.session.timeout.ms`. Also see `max.poll.interval.ms`."},
  {"name":"heartbeat.interval.ms","scope":"global","role":"consumer","type":"integer","importance":"low","min":1,"max":3600000,"default":3000,"description":"Group session keepalive heartbeat interval. `heartbeat.interval.ms` is not supported for `group.protocol=consumer`. It is set with the broker configuration property `group.consumer.heartbeat.interval.ms` by default or can be configured through the AdminClient IncrementalAlterConfigs API. The allowed range is configured with the broker configuration properties `group.consumer.min.heartbeat.interval.ms` and `group.consumer.max.heartbeat.interval.ms`."},
  {"name":"group.protocol.type","scope":"global","role":"consumer","type":"string","importance":"low","default":"consumer","description":"Group protocol type for the `classic` group protocol. NOTE: Currently, the only supported group protocol type is `consumer`. `group.protocol.type` is not supported for `group.protocol=consumer`"},
  {"name":"group.protocol","scope":"global","role":"consumer","type":"enum","importance":"high","values":["classic","consumer"],"default":"classic","description":"Group protocol to use. Use `classic` for the original protocol and `consumer` for the new protocol introduced in KIP-848. Available protocols: classic or consumer. Default is `classic`, but will change to `consumer` in next releases."},
  {"name":"group.remote.assignor","scope":"global","role":"consumer","type":"string","importance":"medium","description":"Server side assignor to use. Keep it null to make server select a suitable assignor for the group. Available assignors: uniform or range. Default is null"},
  {"name":"coordinator.query.interval.ms","scope":"global","role":"consumer","type":"integer","importance":"low","min":1,"max":3600000,"default":600000,"description":"How often to query for the current client group coordinator. If the currently assigned coordinator is down the configured query interval will be divided by ten to more quickly recover in case of coordinator reassignment."},
  {"name":"max.poll.interval.ms","scope":"global","role":"consumer","type":"integer","importance":"high","min":1,"max":86400000,"default":300000,"description":"Maximum allowed time between calls to consume messages (e.g., rd_kafka_consumer_poll()) for high-level consumers. If this interval is exceeded the consumer is considered failed and the group will rebalance in order to reassign the partitions to another consumer group member. Warning: Offset commits may be not possible at this point. Note: It is recommended to set `enable.auto.offset.store=false` for long-time processing applications and then explicitly store offsets (using offsets_store()) *after* message processing, to make sure offsets are not auto-committed prior to processing has finished. The interval is checked two times per second. See KIP-62 for more information."},
  {"name":"enable.auto.commit","scope":"global","role":"consumer","type":"boolean","importance":"high","default":true,"description":"Automatically and periodically commit offsets in the background. Note: setting this to false does not prevent the consumer from fetching previously committed start offsets. To circumvent this behaviour set specific start offsets per partition in the call to assign()."},
  {"name":"auto.commit.interval.ms","scope":"global","role":"consumer","type":"integer","importance":"medium","min":0,"max":86400000,"default":5000,"description":"The frequency in milliseconds that the consumer offsets are committed (written) to offset storage. (0 = disable). This setting is used by the high-level consumer."},
  {"name":"enable.auto.offset.store","scope":"global","role":"consumer","type":"boolean","importance":"high","default":true,"description":"Automatically store offset of last message provided to application. The offset store is an in-memory store of the next offset to (auto-)commit for each partition."},
  {"name":"queued.min.messages","scope":"global","role":"consumer","type":"integer","importance":"medium","min":1,"max":10000000,"default":100000,"description":"Minimum number of messages per topic+partition librdkafka tries to maintain in the local consumer queue."},
  {"name":"queued.max.messages.kbytes","scope":"global","role":"consumer","type":"integer","importance":"medium","min":1,"max":2097151,"default":65536,"description":"Maximum number of kilobytes of queued pre-fetched messages in the local consumer queue. If using the high-level consumer this setting applies to the single consumer queue, regardless of the number of partitions. When using the legacy simple consumer or when separate partition queues are used this setting applies per partition. This value may be overshot by fetch.message.max.bytes. This property has higher priority than queued.min.messages."},
  {"name":"fetch.wait.max.ms","scope":"global","role":"consumer","type":"integer","importance":"low","min":0,"max":300000,"default":500,"description":"Maximum time the broker may wait to fill the Fetch response with fetch.min.bytes of messages."},
  {"name":"fetch.queue.backoff.ms","scope":"global","role":"consumer","type":"integer","importance":"medium","min":0,"max":300000,"default":1000,"description":"How long to postpone the next fetch request for a topic+partition in case the current fetch queue thresholds (queued.min.messages or queued.max.messages.kbytes) have been exceded. This property may need to be decreased if the queue thresholds are set low and the application is experiencing long (~1s) delays between messages. Low values may increase CPU utilization."},
  {"name":"fetch.message.max.bytes","scope":"global","role":"consumer","type":"integer","importance":"medium","min":1,"max":1000000000,"default":1048576,"description":"Initial maximum number of bytes per topic+partition to request when fetching messages from the broker. If the client encounters a message larger than this value it will gradually try to increase it until the entire message can be fetched."},
  {"name":"max.partition.fetch.bytes","scope":"global","role":"consumer","type":"integer","importance":"medium","aliasOf":"fetch.message.max.bytes","min":1,"max":1000000000,"default":1048576,"description":"Alias for `fetch.message.max.bytes`: Initial maximum number of bytes per topic+partition to request when fetching messages from the broker. If the client encounters a message larger than this value it will gradually try to increase it until the entire message can be fetched."},
  {"name":"fetch.max.bytes","scope":"global","role":"consumer","type":"integer","importance":"medium","min":0,"max":2147483135,"default":52428800,"description":"Maximum amount of data the broker shall return for a Fetch request. Messages are fetched in batches by the consumer and if the first message batch in the first non-empty partition of the Fetch request is larger than this value, then the message batch will still be returned to ensure the consumer can make progress. The maximum message batch size accepted by the broker is defined via `message.max.bytes` (broker config) or `max.message.bytes` (broker topic config). `fetch.max.bytes` is automatically adjusted upwards to be at least `message.max.bytes` (consumer config)."},
  {"name":"fetch.min.bytes","scope":"global","role":"consumer","type":"integer","importance":"low","min":1,"max":100000000,"default":1,"description":"Minimum number of bytes the broker responds with. If fetch.wait.max.ms expires the accumulated data will be sent to the client regardless of this setting."},
  {"name":"fetch.error.backoff.ms","scope":"global","role":"consumer","type":"integer","importance":"medium","min":0,"max":300000,"default":500,"description":"How long to postpone the next fetch request for a topic+partition in case of a fetch error."},
  {"name":"offset.store.method","scope":"global","role":"consumer","type":"enum","importance":"low","deprecated":true,"values":["none","file","broker"],"default":"broker","description":"**DEPRECATED** Offset commit store method: 'file' - DEPRECATED: local file store (offset.store.path, et.al), 'broker' - broker commit store (requires Apache Kafka 0.8.2 or later on the broker)."},
  {"name":"isolation.level","scope":"global","role":"consumer","type":"enum","importance":"high","values":["read_uncommitted","read_committed"],"default":"read_committed","description":"Controls how to read messages written transactionally: `read_committed` - only return transactional messages which have been committed. `read_uncommitted` - return all messages, even transactional messages which have been aborted."},
  {"name":"consume_cb","scope":"global","role":"consumer","type":"pointer","importance":"low","description":"Message consume callback (set with rd_kafka_conf_set_consume_cb())"},
  {"name":"rebalance_cb","scope":"global","role":"consumer","type":"pointer","importance":"low","description":"Called after consumer group has been rebalanced (set with rd_kafka_conf_set_rebalance_cb())"},
  {"name":"offset_commit_cb","scope":"global","role":"consumer","type":"pointer","importance":"low","description":"Offset commit result propagation callback. (set with rd_kafka_conf_set_offset_commit_cb())"},
  {"name":"enable.partition.eof","scope":"global","role":"consumer","type":"boolean","importance":"low","default":false,"description":"Emit RD_KAFKA_RESP_ERR__PARTITION_EOF event whenever the consumer reaches the end of a partition."},
  {"name":"check.crcs","scope":"global","role":"consumer","type":"boolean","importance":"medium","default":false,"description":"Verify CRC32 of consumed messages, ensuring no on-the-wire or on-disk corruption to the messages occurred. This check comes at slightly increased CPU usage."},
  {"name":"client.rack","scope":"global","role":"both","type":"string","importance":"low","description":"A rack identifier for this client. This can be any string value which indicates where this client is physically located. It corresponds with the broker config `broker.rack`."},
  {"name":"transactional.id","scope":"global","role":"producer","type":"string","importance":"high","description":"Enables the transactional producer. The transactional.id is used to identify the same transactional producer instance across process restarts. It allows the producer to guarantee that transactions corresponding to earlier instances of the same producer have been finalized prior to starting any new transactions, and that any zombie instances are fenced off. If no transactional.id is provided, then the producer is limited to idempotent delivery (if enable.idempotence is set). Requires broker version >= 0.11.0."},
  {"name":"transaction.timeout.ms","scope":"global","role":"producer","type":"integer","importance":"medium","min":1000,"max":2147483647,"default":60000,"description":"The maximum amount of time in milliseconds that the transaction coordinator will wait for a transaction status update from the producer before proactively aborting the ongoing transaction. If this value is larger than the `transaction.max.timeout.ms` setting in the broker, the init_transactions() call will fail with ERR_INVALID_TRANSACTION_TIMEOUT. The transaction timeout automatically adjusts `message.timeout.ms` and `socket.timeout.ms`, unless explicitly configured in which case they must not exceed the transaction timeout (`socket.timeout.ms` must be at least 100ms lower than `transaction.timeout.ms`). This is also the default timeout value if no timeout (-1) is supplied to the transactional API methods."},
  {"name":"enable.idempotence","scope":"global","role":"producer","type":"boolean","importance":"high","default":false,"description":"When set to `true`, the producer will ensure that messages are successfully produced exactly once and in the original produce order. The following configuration properties are adjusted automatically (if not modified by the user) when idempotence is enabled: `max.in.flight.requests.per.connection=5` (must be less than or equal to 5), `retries=INT32_MAX` (must be greater than 0), `acks=all`, `queuing.strategy=fifo`. Producer instantation will fail if user-supplied configuration is incompatible."},
  {"name":"enable.gapless.guarantee","scope":"global","role":"producer","type":"boolean","importance":"low","experimental":true,"default":false,"description":"**EXPERIMENTAL**: subject to change or removal. When set to `true`, any error that could result in a gap in the produced message series when a batch of messages fails, will raise a fatal error (ERR__GAPLESS_GUARANTEE) and stop the producer. Messages failing due to `message.timeout.ms` are not covered by this guarantee. Requires `enable.idempotence=true`."},
  {"name":"queue.buffering.max.messages","scope":"global","role":"producer","type":"integer","importance":"high","min":0,"max":2147483647,"default":100000,"description":"Maximum number of messages allowed on the producer queue. This queue is shared by all topics and partitions. A value of 0 disables this limit."},
  {"name":"queue.buffering.max.kbytes","scope":"global","role":"producer","type":"integer","importance":"high","min":1,"max":2147483647,"default":1048576,"description":"Maximum total message size sum allowed on the producer queue. This queue is shared by all topics and partitions. This property has higher priority than queue.buffering.max.messages."},
  {"name":"queue.buffering.max.ms","scope":"global","role":"producer","type":"float","importance":"high","min":0,"max":900000,"default":5,"description":"Delay in milliseconds to wait for messages in the producer queue to accumulate before constructing message batches (MessageSets) to transmit to brokers. A higher value allows larger and more effective (less overhead, improved compression) batches of messages to accumulate at the expense of increased message delivery latency."},
  {"name":"linger.ms","scope":"global","role":"producer","type":"float","importance":"high","aliasOf":"queue.buffering.max.ms","min":0,"max":900000,"default":5,"description":"Alias for `queue.buffering.max.ms`: Delay in milliseconds to wait for messages in the producer queue to accumulate before constructing message batches (MessageSets) to transmit to brokers. A higher value allows larger and more effective (less overhead, improved compression) batches of messages to accumulate at the expense of increased message delivery latency."},
  {"name":"message.send.max.retries","scope":"global","role":"producer","type":"integer","importance":"high","min":0,"max":2147483647,"default":2147483647,"description":"How many times to retry sending a failing Message. **Note:** retrying may cause reordering unless `enable.idempotence` is set to true."},
  {"name":"retries","scope":"global","role":"producer","type":"integer","importance":"high","aliasOf":"message.send.max.retries","min":0,"max":2147483647,"default":2147483647,"description":"Alias for `message.send.max.retries`: How many times to retry sending a failing Message. **Note:** retrying may cause reordering unless `enable.idempotence` is set to true."},
  {"name":"retry.backoff.ms","scope":"global","role":"both","type":"integer","importance":"medium","min":1,"max":300000,"default":100,"description":"The backoff time in milliseconds before retrying a protocol request, this is the first backoff time, and will be backed off exponentially until number of retries is exhausted, and it's capped by retry.backoff.max.ms."},
  {"name":"retry.backoff.max.ms","scope":"global","role":"both","type":"integer","importance":"medium","min":1,"max":300000,"default":1000,"description":"The max backoff time in milliseconds before retrying a protocol request, this is the atmost backoff allowed for exponentially backed off requests."},
  {"name":"queue.buffering.backpressure.threshold","scope":"global","role":"producer","type":"integer","importance":"low","min":1,"max":1000000,"default":1,"description":"The threshold of outstanding not yet transmitted broker requests needed to backpressure the producer's message accumulator. If the number of not yet transmitted requests equals or exceeds this number, produce request creation that would have otherwise been triggered (for example, in accordance with linger.ms) will be delayed. A lower number yields larger and more effective batches. A higher value can improve latency when using compression on slow machines."},
  {"name":"compression.codec","scope":"global","role":"producer","type":"enum","importance":"medium","values":["none","gzip","snappy","lz4","zstd"],"default":"none","description":"compression codec to use for compressing message sets. This is the default value for all topics, may be overridden by the topic configuration property `compression.codec`."},
  {"name":"compression.type","scope":"global","role":"producer","type":"enum","importance":"medium","aliasOf":"compression.codec","values":["none","gzip","snappy","lz4","zstd"],"default":"none","description":"Alias for `compression.codec`: compression codec to use for compressing message sets. This is the default value for all topics, may be overridden by the topic configuration property `compression.codec`."},
  {"name":"batch.num.messages","scope":"global","role":"producer","type":"integer","importance":"medium","min":1,"max":1000000,"default":10000,"description":"Maximum number of messages batched in one MessageSet. The total MessageSet size is also limited by batch.size and message.max.bytes."},
  {"name":"batch.size","scope":"global","role":"producer","type":"integer","importance":"medium","min":1,"max":2147483647,"default":1000000,"description":"Maximum size (in bytes) of all messages batched in one MessageSet, including protocol framing overhead. This limit is applied after the first message has been added to the batch, regardless of the first message's size, this is to ensure that messages that exceed batch.size are produced. The total MessageSet size is also limited by batch.num.messages and message.max.bytes."},
  {"name":"delivery.report.only.error","scope":"global","role":"producer","type":"boolean","importance":"low","default":false,"description":"Only provide delivery reports for failed messages."},
  {"name":"dr_cb","scope":"global","role":"producer","type":"pointer","importance":"low","description":"Delivery report callback (set with rd_kafka_conf_set_dr_cb())"},
  {"name":"dr_msg_cb","scope":"global","role":"producer","type":"pointer","importance":"low","description":"Delivery report callback (set with rd_kafka_conf_set_dr_msg_cb())"},
  {"name":"sticky.partitioning.linger.ms","scope":"global","role":"producer","type":"integer","importance":"low","min":0,"max":900000,"default":10,"description":"Delay in milliseconds to wait to assign new sticky partitions for each topic. By default, set to double the time of linger.ms. To disable sticky behavior, set to 0. This behavior affects messages with the key NULL in all cases, and messages with key lengths of zero when the consistent_random partitioner is in use. These messages would otherwise be assigned randomly. A higher value allows for more effective batching of these messages."},
  {"name":"client.dns.lookup","scope":"global","role":"both","type":"enum","importance":"low","values":["use_all_dns_ips","resolve_canonical_bootstrap_servers_only"],"default":"use_all_dns_ips","description":"Controls how the client uses DNS lookups. By default, when the lookup returns multiple IP addresses for a hostname, they will all be attempted for connection before the connection is considered failed. This applies to both bootstrap and advertised servers. If the value is set to `resolve_canonical_bootstrap_servers_only`, each entry will be resolved and expanded into a list of canonical names. **WARNING**: `resolve_canonical_bootstrap_servers_only` must only be used with `GSSAPI` (Kerberos) as `sasl.mechanism`, as it's the only purpose of this configuration value. **NOTE**: Default here is different from the Java client's default behavior, which connects only to the first IP address returned for a hostname."},
  {"name":"enable.metrics.push","scope":"global","role":"both","type":"boolean","importance":"low","default":true,"description":"Whether to enable pushing of client metrics to the cluster, if the cluster has a client metrics subscription which matches this client"},
  {"name":"request.required.acks","scope":"topic","role":"producer","type":"integer","importance":"high","min":-1,"max":1000,"words":{"all":-1},"default":-1,"description":"This field indicates the number of acknowledgements the leader broker must receive from ISR brokers before responding to the request: *0*=Broker does not send any response/ack to client, *-1* or *all*=Broker will block until message is committed by all in sync replicas (ISRs). If there are less than `min.insync.replicas` (broker configuration) in the ISR set the produce request will fail."},
  {"name":"acks","scope":"topic","role":"producer","type":"integer","importance":"high","aliasOf":"request.required.acks","min":-1,"max":1000,"words":{"all":-1},"default":-1,"description":"Alias for `request.required.acks`: This field indicates the number of acknowledgements the leader broker must receive from ISR brokers before responding to the request: *0*=Broker does not send any response/ack to client, *-1* or *all*=Broker will block until message is committed by all in sync replicas (ISRs). If there are less than `min.insync.replicas` (broker configuration) in the ISR set the produce request will fail."},
  {"name":"request.timeout.ms","scope":"topic","role":"producer","type":"integer","importance":"medium","min":1,"max":900000,"default":30000,"description":"The ack timeout of the producer request in milliseconds. This value is only enforced by the broker and relies on `request.required.acks` being != 0."},
  {"name":"message.timeout.ms","scope":"topic","role":"producer","type":"integer","importance":"high","min":0,"max":2147483647,"default":300000,"description":"Local message timeout. This value is only enforced locally and limits the time a produced message waits for successful delivery. A time of 0 is infinite. This is the maximum time librdkafka may use to deliver a message (including retries). Delivery error occurs when either the retry count or the message timeout are exceeded. The message timeout is automatically adjusted to `transaction.timeout.ms` if `transactional.id` is configured."},
  {"name":"delivery.timeout.ms","scope":"topic","role":"producer","type":"integer","importance":"high","aliasOf":"message.timeout.ms","min":0,"max":2147483647,"default":300000,"description":"Alias for `message.timeout.ms`: Local message timeout. This value is only enforced locally and limits the time a produced message waits for successful delivery. A time of 0 is infinite. This is the maximum time librdkafka may use to deliver a message (including retries). Delivery error occurs when either the retry count or the message timeout are exceeded. The message timeout is automatically adjusted to `transaction.timeout.ms` if `transactional.id` is configured."},
  {"name":"queuing.strategy","scope":"topic","role":"producer","type":"enum","importance":"low","deprecated":true,"experimental":true,"values":["fifo","lifo"],"default":"fifo","description":"**EXPERIMENTAL**: subject to change or removal. **DEPRECATED** Producer queuing strategy. FIFO preserves produce ordering, while LIFO prioritizes new messages."},
  {"name":"produce.offset.report","scope":"topic","role":"producer","type":"boolean","importance":"low","deprecated":true,"default":false,"description":"**DEPRECATED** No longer used."},
  {"name":"partitioner","scope":"topic","role":"producer","type":"string","importance":"high","default":"consistent_random","description":"Partitioner: `random` - random distribution, `consistent` - CRC32 hash of key (Empty and NULL keys are mapped to single partition), `consistent_random` - CRC32 hash of key (Empty and NULL keys are randomly partitioned), `murmur2` - Java Producer compatible Murmur2 hash of key (NULL keys are mapped to single partition), `murmur2_random` - Java Producer compatible Murmur2 hash of key (NULL keys are randomly partitioned. This is functionally equivalent to the default partitioner in the Java Producer.), `fnv1a` - FNV-1a hash of key (NULL keys are mapped to single partition), `fnv1a_random` - FNV-1a hash of key (NULL keys are randomly partitioned)."},
  {"name":"partitioner_cb","scope":"topic","role":"producer","type":"pointer","importance":"low","description":"Custom partitioner callback (set with rd_kafka_topic_conf_set_partitioner_cb())"},
  {"name":"msg_order_cmp","scope":"topic","role":"producer","type":"pointer","importance":"low","deprecated":true,"experimental":true,"description":"**EXPERIMENTAL**: subject to change or removal. **DEPRECATED** Message queue ordering comparator (set with rd_kafka_topic_conf_set_msg_order_cmp()). Also see `queuing.strategy`."},
  {"name":"opaque","scope":"topic","role":"both","type":"pointer","importance":"low","description":"Application opaque (set with rd_kafka_topic_conf_set_opaque())"},
  {"name":"compression.codec","scope":"topic","role":"producer","type":"enum","importance":"high","values":["none","gzip","snappy","lz4","zstd","inherit"],"default":"inherit","description":"Compression codec to use for compressing message sets. inherit = inherit global compression.codec configuration."},
  {"name":"compression.type","scope":"topic","role":"producer","type":"enum","importance":"medium","aliasOf":"compression.codec","values":["none","gzip","snappy","lz4","zstd"],"default":"none","description":"Alias for `compression.codec`: compression codec to use for compressing message sets. This is the default value for all topics, may be overridden by the topic configuration property `compression.codec`."},
  {"name":"compression.level","scope":"topic","role":"producer","type":"integer","importance":"medium","min":-1,"max":12,"default":-1,"description":"Compression level parameter for algorithm selected by configuration property `compression.codec`. Higher values will result in better compression at the cost of more CPU usage. Usable range is algorithm-dependent: [0-9] for gzip; [0-12] for lz4; only 0 for snappy; -1 = codec-dependent default compression level."},
  {"name":"auto.commit.enable","scope":"topic","role":"consumer","type":"boolean","importance":"low","deprecated":true,"default":true,"description":"**DEPRECATED** [**LEGACY PROPERTY:** This property is used by the simple legacy consumer only. When using the high-level KafkaConsumer, the global `enable.auto.commit` property must be used instead]. If true, periodically commit offset of the last message handed to the application. This committed offset will be used when the process restarts to pick up where it left off. If false, the application will have to call `rd_kafka_offset_store()` to store an offset (optional). Offsets will be written to broker or local file according to offset.store.method."},
  {"name":"enable.auto.commit","scope":"topic","role":"consumer","type":"boolean","importance":"low","aliasOf":"auto.commit.enable","deprecated":true,"default":true,"description":"**DEPRECATED** Alias for `auto.commit.enable`: [**LEGACY PROPERTY:** This property is used by the simple legacy consumer only. When using the high-level KafkaConsumer, the global `enable.auto.commit` property must be used instead]. If true, periodically commit offset of the last message handed to the application. This committed offset will be used when the process restarts to pick up where it left off. If false, the application will have to call `rd_kafka_offset_store()` to store an offset (optional). Offsets will be written to broker or local file according to offset.store.method."},
  {"name":"auto.commit.interval.ms","scope":"topic","role":"consumer","type":"integer","importance":"high","min":10,"max":86400000,"default":60000,"description":"[**LEGACY PROPERTY:** This setting is used by the simple legacy consumer only. When using the high-level KafkaConsumer, the global `auto.commit.interval.ms` property must be used instead]. The frequency in milliseconds that the consumer offsets are committed (written) to offset storage."},
  {"name":"auto.offset.reset","scope":"topic","role":"consumer","type":"enum","importance":"high","values":["smallest","earliest","beginning","largest","latest","end","error"],"default":"largest","description":"Action to take when there is no initial offset in offset store or the desired offset is out of range: 'smallest','earliest' - automatically reset the offset to the smallest offset, 'largest','latest' - automatically reset the offset to the largest offset, 'error' - trigger an error (ERR__AUTO_OFFSET_RESET) which is retrieved by consuming messages and checking 'message->err'."},
  {"name":"offset.store.path","scope":"topic","role":"consumer","type":"string","importance":"low","deprecated":true,"default":".","description":"**DEPRECATED** Path to local file for storing offsets. If the path is a directory a filename will be automatically generated in that directory based on the topic and partition. File-based offset storage will be removed in a future version."},
  {"name":"offset.store.sync.interval.ms","scope":"topic","role":"consumer","type":"integer","importance":"low","deprecated":true,"min":-1,"max":86400000,"default":-1,"description":"**DEPRECATED** fsync() interval for the offset file, in milliseconds. Use -1 to disable syncing, and 0 for immediate sync after each write. File-based offset storage will be removed in a future version."},
  {"name":"offset.store.method","scope":"topic","role":"consumer","type":"enum","importance":"low","deprecated":true,"values":["file","broker"],"default":"broker","description":"**DEPRECATED** Offset commit store method: 'file' - DEPRECATED: local file store (offset.store.path, et.al), 'broker' - broker commit store (requires \"group.id\" to be configured and Apache Kafka 0.8.2 or later on the broker.)."},
  {"name":"consume.callback.max.messages","scope":"topic","role":"consumer","type":"integer","importance":"low","min":0,"max":1000000,"default":0,"description":"Maximum number of messages to dispatch in one `rd_kafka_consume_callback*()` call (0 = unlimited)"},
];

/**
 * Every librdkafka property with the type a user may write: numbers and booleans
 * also as the strings librdkafka accepts ("100", "true"), enums in either case.
 */
export interface LibrdkafkaProperties {
  /**
   * Indicates the builtin features for this build of librdkafka. An application can either query this value or attempt to set it with its list of required features to check for library support.
   *
   * role: both · importance: low · default: gzip, snappy, ssl, sasl, regex, lz4, sasl_gssapi, sasl_plain, sasl_scram, plugins, zstd, sasl_oauthbearer, http, oidc
   */
  "builtin.features"?: string;
  /**
   * Client identifier.
   *
   * role: both · importance: low · default: rdkafka
   */
  "client.id"?: string;
  /**
   * Initial list of brokers as a CSV list of broker host or host:port. The application may also use `rd_kafka_brokers_add()` to add brokers during runtime.
   *
   * role: both · importance: high
   */
  "metadata.broker.list"?: string;
  /**
   * Alias for `metadata.broker.list`: Initial list of brokers as a CSV list of broker host or host:port. The application may also use `rd_kafka_brokers_add()` to add brokers during runtime.
   *
   * role: both · importance: high
   */
  "bootstrap.servers"?: string;
  /**
   * Maximum Kafka protocol request message size. Due to differing framing overhead between protocol versions the producer is unable to reliably enforce a strict max message limit at produce time and may exceed the maximum size by one message in protocol ProduceRequests, the broker will enforce the the topic's `max.message.bytes` limit (see Apache Kafka documentation).
   *
   * role: both · importance: medium · range: 1000 .. 1000000000 · default: 1000000
   */
  "message.max.bytes"?: number | `${number}`;
  /**
   * Maximum size for message to be copied to buffer. Messages larger than this will be passed by reference (zero-copy) at the expense of larger iovecs.
   *
   * role: both · importance: low · range: 0 .. 1000000000 · default: 65535
   */
  "message.copy.max.bytes"?: number | `${number}`;
  /**
   * Maximum Kafka protocol response message size. This serves as a safety precaution to avoid memory exhaustion in case of protocol hickups. This value must be at least `fetch.max.bytes`  + 512 to allow for protocol overhead; the value is adjusted automatically unless the configuration property is explicitly set.
   *
   * role: both · importance: medium · range: 1000 .. 2147483647 · default: 100000000
   */
  "receive.message.max.bytes"?: number | `${number}`;
  /**
   * Maximum number of in-flight requests per broker connection. This is a generic property applied to all broker communication, however it is primarily relevant to produce requests. In particular, note that other mechanisms limit the number of outstanding consumer fetch request per broker to one.
   *
   * role: both · importance: low · range: 1 .. 1000000 · default: 1000000
   */
  "max.in.flight.requests.per.connection"?: number | `${number}`;
  /**
   * Alias for `max.in.flight.requests.per.connection`: Maximum number of in-flight requests per broker connection. This is a generic property applied to all broker communication, however it is primarily relevant to produce requests. In particular, note that other mechanisms limit the number of outstanding consumer fetch request per broker to one.
   *
   * role: both · importance: low · range: 1 .. 1000000 · default: 1000000
   */
  "max.in.flight"?: number | `${number}`;
  /**
   * Controls how the client recovers when none of the brokers known to it is available. If set to `none`, the client doesn't re-bootstrap. If set to `rebootstrap`, the client repeats the bootstrap process using `bootstrap.servers` and brokers added through `rd_kafka_brokers_add()`. Rebootstrapping is useful when a client communicates with brokers so infrequently that the set of brokers may change entirely before the client refreshes metadata. Metadata recovery is triggered when all last-known brokers appear unavailable simultaneously or the client cannot refresh metadata within `metadata.recovery.rebootstrap.trigger.ms` or it's requested in a metadata response.
   *
   * role: both · importance: low · default: rebootstrap
   */
  "metadata.recovery.strategy"?: "none" | "NONE" | "rebootstrap" | "REBOOTSTRAP";
  /**
   * If a client configured to rebootstrap using `metadata.recovery.strategy=rebootstrap` is unable to obtain metadata from any of the brokers for this interval, client repeats the bootstrap process using `bootstrap.servers` configuration and brokers added through `rd_kafka_brokers_add()`.
   *
   * role: both · importance: low · range: 0 .. 2147483647 · default: 300000
   */
  "metadata.recovery.rebootstrap.trigger.ms"?: number | `${number}`;
  /**
   * Period of time in milliseconds at which topic and broker metadata is refreshed in order to proactively discover any new brokers, topics, partitions or partition leader changes. Use -1 to disable the intervalled refresh (not recommended). If there are no locally referenced topics (no topic objects created, no messages produced, no subscription or no assignment) then only the broker list will be refreshed every interval but no more often than every 10s.
   *
   * role: both · importance: low · range: -1 .. 3600000 · default: 300000
   */
  "topic.metadata.refresh.interval.ms"?: number | `${number}`;
  /**
   * Metadata cache max age. Defaults to topic.metadata.refresh.interval.ms * 3
   *
   * role: both · importance: low · range: 1 .. 86400000 · default: 900000
   */
  "metadata.max.age.ms"?: number | `${number}`;
  /**
   * When a topic loses its leader a new metadata request will be enqueued immediately and then with this initial interval, exponentially increasing upto `retry.backoff.max.ms`, until the topic metadata has been refreshed. If not set explicitly, it will be defaulted to `retry.backoff.ms`. This is used to recover quickly from transitioning leader brokers.
   *
   * role: both · importance: low · range: 1 .. 60000 · default: 100
   */
  "topic.metadata.refresh.fast.interval.ms"?: number | `${number}`;
  /**
   * **DEPRECATED** No longer used.
   *
   * role: both · importance: low · range: 0 .. 1000 · default: 10
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "topic.metadata.refresh.fast.cnt"?: number | `${number}`;
  /**
   * Sparse metadata requests (consumes less network bandwidth)
   *
   * role: both · importance: low · default: true
   */
  "topic.metadata.refresh.sparse"?: boolean | 'true' | 'false';
  /**
   * Apache Kafka topic creation is asynchronous and it takes some time for a new topic to propagate throughout the cluster to all brokers. If a client requests topic metadata after manual topic creation but before the topic has been fully propagated to the broker the client is requesting metadata from, the topic will seem to be non-existent and the client will mark the topic as such, failing queued produced messages with `ERR__UNKNOWN_TOPIC`. This setting delays marking a topic as non-existent until the configured propagation max time has passed. The maximum propagation time is calculated from the time the topic is first referenced in the client, e.g., on produce().
   *
   * role: both · importance: low · range: 0 .. 3600000 · default: 30000
   */
  "topic.metadata.propagation.max.ms"?: number | `${number}`;
  /**
   * Topic blacklist, a comma-separated list of regular expressions for matching topic names that should be ignored in broker metadata information as if the topics did not exist.
   *
   * role: both · importance: low
   */
  "topic.blacklist"?: string;
  /**
   * A comma-separated list of debug contexts to enable. Detailed Producer debugging: broker,topic,msg. Consumer: consumer,cgrp,topic,fetch
   *
   * role: both · importance: medium
   */
  "debug"?: string;
  /**
   * Default timeout for network requests. Producer: ProduceRequests will use the lesser value of `socket.timeout.ms` and remaining `message.timeout.ms` for the first message in the batch. Consumer: FetchRequests will use `fetch.wait.max.ms` + `socket.timeout.ms`. Admin: Admin requests will use `socket.timeout.ms` or explicitly set `rd_kafka_AdminOptions_set_operation_timeout()` value.
   *
   * role: both · importance: low · range: 10 .. 300000 · default: 60000
   */
  "socket.timeout.ms"?: number | `${number}`;
  /**
   * **DEPRECATED** No longer used.
   *
   * role: both · importance: low · range: 1 .. 60000 · default: 1000
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "socket.blocking.max.ms"?: number | `${number}`;
  /**
   * Broker socket send buffer size. System default is used if 0.
   *
   * role: both · importance: low · range: 0 .. 100000000 · default: 0
   */
  "socket.send.buffer.bytes"?: number | `${number}`;
  /**
   * Broker socket receive buffer size. System default is used if 0.
   *
   * role: both · importance: low · range: 0 .. 100000000 · default: 0
   */
  "socket.receive.buffer.bytes"?: number | `${number}`;
  /**
   * Enable TCP keep-alives (SO_KEEPALIVE) on broker sockets
   *
   * role: both · importance: low · default: false
   */
  "socket.keepalive.enable"?: boolean | 'true' | 'false';
  /**
   * Disable the Nagle algorithm (TCP_NODELAY) on broker sockets.
   *
   * role: both · importance: low · default: true
   */
  "socket.nagle.disable"?: boolean | 'true' | 'false';
  /**
   * Disconnect from broker when this number of send failures (e.g., timed out requests) is reached. Disable with 0. WARNING: It is highly recommended to leave this setting at its default value of 1 to avoid the client and broker to become desynchronized in case of request timeouts. NOTE: The connection is automatically re-established.
   *
   * role: both · importance: low · range: 0 .. 1000000 · default: 1
   */
  "socket.max.fails"?: number | `${number}`;
  /**
   * How long to cache the broker address resolving results (milliseconds).
   *
   * role: both · importance: low · range: 0 .. 86400000 · default: 1000
   */
  "broker.address.ttl"?: number | `${number}`;
  /**
   * Allowed broker IP address families: any, v4, v6
   *
   * role: both · importance: low · default: any
   */
  "broker.address.family"?: "any" | "ANY" | "v4" | "V4" | "v6" | "V6";
  /**
   * Maximum time allowed for broker connection setup (TCP connection setup as well SSL and SASL handshake). If the connection to the broker is not fully functional after this the connection will be closed and retried.
   *
   * role: both · importance: medium · range: 1000 .. 2147483647 · default: 30000
   */
  "socket.connection.setup.timeout.ms"?: number | `${number}`;
  /**
   * Close broker connections after the specified time of inactivity. Disable with 0. If this property is left at its default value some heuristics are performed to determine a suitable default value, this is currently limited to identifying brokers on Azure (see librdkafka issue #3109 for more info). Actual value can be lower, up to 2s lower, only if `connections.max.idle.ms` >= 4s, as jitter is added to avoid disconnecting all brokers at the same time.
   *
   * role: both · importance: medium · range: 0 .. 2147483647 · default: 0
   */
  "connections.max.idle.ms"?: number | `${number}`;
  /**
   * **DEPRECATED** No longer used. See `reconnect.backoff.ms` and `reconnect.backoff.max.ms`.
   *
   * role: both · importance: low · range: 0 .. 3600000 · default: 0
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "reconnect.backoff.jitter.ms"?: number | `${number}`;
  /**
   * The initial time to wait before reconnecting to a broker after the connection has been closed. The time is increased exponentially until `reconnect.backoff.max.ms` is reached. -25% to +50% jitter is applied to each reconnect backoff. A value of 0 disables the backoff and reconnects immediately.
   *
   * role: both · importance: medium · range: 0 .. 3600000 · default: 100
   */
  "reconnect.backoff.ms"?: number | `${number}`;
  /**
   * The maximum time to wait before reconnecting to a broker after the connection has been closed.
   *
   * role: both · importance: medium · range: 0 .. 3600000 · default: 10000
   */
  "reconnect.backoff.max.ms"?: number | `${number}`;
  /**
   * librdkafka statistics emit interval. The application also needs to register a stats callback using `rd_kafka_conf_set_stats_cb()`. The granularity is 1000ms. A value of 0 disables statistics.
   *
   * role: both · importance: high · range: 0 .. 86400000 · default: 0
   */
  "statistics.interval.ms"?: number | `${number}`;
  /**
   * See `rd_kafka_conf_set_events()`
   *
   * role: both · importance: low · range: 0 .. 2147483647 · default: 0
   */
  "enabled_events"?: number | `${number}`;
  /**
   * Error callback (set with rd_kafka_conf_set_error_cb())
   *
   * role: both · importance: low
   */
  "error_cb"?: unknown;
  /**
   * Throttle callback (set with rd_kafka_conf_set_throttle_cb())
   *
   * role: both · importance: low
   */
  "throttle_cb"?: unknown;
  /**
   * Statistics callback (set with rd_kafka_conf_set_stats_cb())
   *
   * role: both · importance: low
   */
  "stats_cb"?: unknown;
  /**
   * Log callback (set with rd_kafka_conf_set_log_cb())
   *
   * role: both · importance: low
   */
  "log_cb"?: unknown;
  /**
   * Logging level (syslog(3) levels)
   *
   * role: both · importance: low · range: 0 .. 7 · default: 6
   */
  "log_level"?: number | `${number}`;
  /**
   * Disable spontaneous log_cb from internal librdkafka threads, instead enqueue log messages on queue set with `rd_kafka_set_log_queue()` and serve log callbacks or events through the standard poll APIs. **NOTE**: Log messages will linger in a temporary queue until the log queue has been set.
   *
   * role: both · importance: low · default: false
   */
  "log.queue"?: boolean | 'true' | 'false';
  /**
   * Print internal thread name in log messages (useful for debugging librdkafka internals)
   *
   * role: both · importance: low · default: true
   */
  "log.thread.name"?: boolean | 'true' | 'false';
  /**
   * If enabled librdkafka will initialize the PRNG with srand(current_time.milliseconds) on the first invocation of rd_kafka_new() (required only if rand_r() is not available on your platform). If disabled the application must call srand() prior to calling rd_kafka_new().
   *
   * role: both · importance: low · default: true
   */
  "enable.random.seed"?: boolean | 'true' | 'false';
  /**
   * Log broker disconnects. It might be useful to turn this off when interacting with 0.9 brokers with an aggressive `connections.max.idle.ms` value.
   *
   * role: both · importance: low · default: true
   */
  "log.connection.close"?: boolean | 'true' | 'false';
  /**
   * Background queue event callback (set with rd_kafka_conf_set_background_event_cb())
   *
   * role: both · importance: low
   */
  "background_event_cb"?: unknown;
  /**
   * Socket creation callback to provide race-free CLOEXEC
   *
   * role: both · importance: low
   */
  "socket_cb"?: unknown;
  /**
   * Socket connect callback
   *
   * role: both · importance: low
   */
  "connect_cb"?: unknown;
  /**
   * Socket close callback
   *
   * role: both · importance: low
   */
  "closesocket_cb"?: unknown;
  /**
   * File open callback to provide race-free CLOEXEC
   *
   * role: both · importance: low
   */
  "open_cb"?: unknown;
  /**
   * Address resolution callback (set with rd_kafka_conf_set_resolve_cb()).
   *
   * role: both · importance: low
   */
  "resolve_cb"?: unknown;
  /**
   * Application opaque (set with rd_kafka_conf_set_opaque())
   *
   * role: both · importance: low
   */
  "opaque"?: unknown;
  /**
   * Default topic configuration for automatically subscribed topics
   *
   * role: both · importance: low
   */
  "default_topic_conf"?: unknown;
  /**
   * Signal that librdkafka will use to quickly terminate on rd_kafka_destroy(). If this signal is not set then there will be a delay before rd_kafka_wait_destroyed() returns true as internal threads are timing out their system calls. If this signal is set however the delay will be minimal. The application should mask this signal as an internal signal handler is installed.
   *
   * role: both · importance: low · range: 0 .. 128 · default: 0
   */
  "internal.termination.signal"?: number | `${number}`;
  /**
   * **DEPRECATED** **Post-deprecation actions: remove this configuration property, brokers < 0.10.0 won't be supported anymore in librdkafka 3.x.** Request broker's supported API versions to adjust functionality to available protocol features. If set to false, or the ApiVersionRequest fails, the fallback version `broker.version.fallback` will be used. **NOTE**: Depends on broker version >=0.10.0. If the request is not supported by (an older) broker the `broker.version.fallback` fallback is used.
   *
   * role: both · importance: high · default: true
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "api.version.request"?: boolean | 'true' | 'false';
  /**
   * Timeout for broker API version requests.
   *
   * role: both · importance: low · range: 1 .. 300000 · default: 10000
   */
  "api.version.request.timeout.ms"?: number | `${number}`;
  /**
   * **DEPRECATED** **Post-deprecation actions: remove this configuration property, brokers < 0.10.0 won't be supported anymore in librdkafka 3.x.** Dictates how long the `broker.version.fallback` fallback is used in the case the ApiVersionRequest fails. **NOTE**: The ApiVersionRequest is only issued when a new connection to the broker is made (such as after an upgrade).
   *
   * role: both · importance: medium · range: 0 .. 604800000 · default: 0
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "api.version.fallback.ms"?: number | `${number}`;
  /**
   * **DEPRECATED** **Post-deprecation actions: remove this configuration property, brokers < 0.10.0 won't be supported anymore in librdkafka 3.x.** Older broker versions (before 0.10.0) provide no way for a client to query for supported protocol features (ApiVersionRequest, see `api.version.request`) making it impossible for the client to know what features it may use. As a workaround a user may set this property to the expected broker version and the client will automatically adjust its feature set accordingly if the ApiVersionRequest fails (or is disabled). The fallback broker version will be used for `api.version.fallback.ms`. Valid values are: 0.9.0, 0.8.2, 0.8.1, 0.8.0. Any other value >= 0.10, such as 0.10.2.1, enables ApiVersionRequests.
   *
   * role: both · importance: medium · default: 0.10.0
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "broker.version.fallback"?: string;
  /**
   * Allow automatic topic creation on the broker when subscribing to or assigning non-existent topics. The broker must also be configured with `auto.create.topics.enable=true` for this configuration to take effect. Note: the default value (true) for the producer is different from the default value (false) for the consumer. Further, the consumer default value is different from the Java consumer (true), and this property is not supported by the Java producer. Requires broker version >= 0.11.0.0, for older broker versions only the broker configuration applies.
   *
   * role: both · importance: low · default: false
   */
  "allow.auto.create.topics"?: boolean | 'true' | 'false';
  /**
   * Protocol used to communicate with brokers.
   *
   * role: both · importance: high · default: plaintext
   */
  "security.protocol"?: "plaintext" | "PLAINTEXT" | "ssl" | "SSL" | "sasl_plaintext" | "SASL_PLAINTEXT" | "sasl_ssl" | "SASL_SSL";
  /**
   * A cipher suite is a named combination of authentication, encryption, MAC and key exchange algorithm used to negotiate the security settings for a network connection using TLS or SSL network protocol. See manual page for `ciphers(1)` and `SSL_CTX_set_cipher_list(3).
   *
   * role: both · importance: low
   */
  "ssl.cipher.suites"?: string;
  /**
   * The supported-curves extension in the TLS ClientHello message specifies the curves (standard/named, or 'explicit' GF(2^k) or GF(p)) the client is willing to have the server use. See manual page for `SSL_CTX_set1_curves_list(3)`. OpenSSL >= 1.0.2 required.
   *
   * role: both · importance: low
   */
  "ssl.curves.list"?: string;
  /**
   * The client uses the TLS ClientHello signature_algorithms extension to indicate to the server which signature/hash algorithm pairs may be used in digital signatures. See manual page for `SSL_CTX_set1_sigalgs_list(3)`. OpenSSL >= 1.0.2 required.
   *
   * role: both · importance: low
   */
  "ssl.sigalgs.list"?: string;
  /**
   * Path to client's private key (PEM) used for authentication.
   *
   * role: both · importance: low
   */
  "ssl.key.location"?: string;
  /**
   * Private key passphrase (for use with `ssl.key.location` and `set_ssl_cert()`)
   *
   * role: both · importance: low
   */
  "ssl.key.password"?: string;
  /**
   * Client's private key string (PEM format) used for authentication.
   *
   * role: both · importance: low
   */
  "ssl.key.pem"?: string;
  /**
   * Client's private key as set by rd_kafka_conf_set_ssl_cert()
   *
   * role: both · importance: low
   */
  "ssl_key"?: unknown;
  /**
   * Path to client's public key (PEM) used for authentication.
   *
   * role: both · importance: low
   */
  "ssl.certificate.location"?: string;
  /**
   * Client's public key string (PEM format) used for authentication.
   *
   * role: both · importance: low
   */
  "ssl.certificate.pem"?: string;
  /**
   * Client's public key as set by rd_kafka_conf_set_ssl_cert()
   *
   * role: both · importance: low
   */
  "ssl_certificate"?: unknown;
  /**
   * File or directory path to CA certificate(s) for verifying the broker's key. Defaults: On Windows the system's CA certificates are automatically looked up in the Windows Root certificate store. On Mac OSX this configuration defaults to `probe`. It is recommended to install openssl using Homebrew, to provide CA certificates. On Linux install the distribution's ca-certificates package. If OpenSSL is statically linked or `ssl.ca.location` is set to `probe` a list of standard paths will be probed and the first one found will be used as the default CA certificate location path. If OpenSSL is dynamically linked the OpenSSL library's default path will be used (see `OPENSSLDIR` in `openssl version -a`).
   *
   * role: both · importance: low
   */
  "ssl.ca.location"?: string;
  /**
   * File or directory path to CA certificate(s) for verifying HTTPS endpoints, like `sasl.oauthbearer.token.endpoint.url` used for OAUTHBEARER/OIDC authentication. Mutually exclusive with `https.ca.pem`. Defaults: On Windows the system's CA certificates are automatically looked up in the Windows Root certificate store. On Mac OSX this configuration defaults to `probe`. It is recommended to install openssl using Homebrew, to provide CA certificates. On Linux install the distribution's ca-certificates package. If OpenSSL is statically linked or `https.ca.location` is set to `probe` a list of standard paths will be probed and the first one found will be used as the default CA certificate location path. If OpenSSL is dynamically linked the OpenSSL library's default path will be used (see `OPENSSLDIR` in `openssl version -a`).
   *
   * role: both · importance: low
   */
  "https.ca.location"?: string;
  /**
   * CA certificate string (PEM format) for verifying HTTPS endpoints. Mutually exclusive with `https.ca.location`. Optional: see `https.ca.location`.
   *
   * role: both · importance: low
   */
  "https.ca.pem"?: string;
  /**
   * CA certificate string (PEM format) for verifying the broker's key.
   *
   * role: both · importance: low
   */
  "ssl.ca.pem"?: string;
  /**
   * CA certificate as set by rd_kafka_conf_set_ssl_cert()
   *
   * role: both · importance: low
   */
  "ssl_ca"?: unknown;
  /**
   * Comma-separated list of Windows Certificate stores to load CA certificates from. Certificates will be loaded in the same order as stores are specified. If no certificates can be loaded from any of the specified stores an error is logged and the OpenSSL library's default CA location is used instead. Store names are typically one or more of: MY, Root, Trust, CA.
   *
   * role: both · importance: low · default: Root
   */
  "ssl.ca.certificate.stores"?: string;
  /**
   * Path to CRL for verifying broker's certificate validity.
   *
   * role: both · importance: low
   */
  "ssl.crl.location"?: string;
  /**
   * Path to client's keystore (PKCS#12) used for authentication.
   *
   * role: both · importance: low
   */
  "ssl.keystore.location"?: string;
  /**
   * Client's keystore (PKCS#12) password.
   *
   * role: both · importance: low
   */
  "ssl.keystore.password"?: string;
  /**
   * Comma-separated list of OpenSSL 3.0.x implementation providers. E.g., "default,legacy".
   *
   * role: both · importance: low
   */
  "ssl.providers"?: string;
  /**
   * **DEPRECATED** Path to OpenSSL engine library. OpenSSL >= 1.1.x required. DEPRECATED: OpenSSL engine support is deprecated and should be replaced by OpenSSL 3 providers.
   *
   * role: both · importance: low
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "ssl.engine.location"?: string;
  /**
   * OpenSSL engine id is the name used for loading engine.
   *
   * role: both · importance: low · default: dynamic
   */
  "ssl.engine.id"?: string;
  /**
   * OpenSSL engine callback data (set with rd_kafka_conf_set_engine_callback_data()).
   *
   * role: both · importance: low
   */
  "ssl_engine_callback_data"?: unknown;
  /**
   * Enable OpenSSL's builtin broker (server) certificate verification. This verification can be extended by the application by implementing a certificate_verify_cb.
   *
   * role: both · importance: low · default: true
   */
  "enable.ssl.certificate.verification"?: boolean | 'true' | 'false';
  /**
   * Endpoint identification algorithm to validate broker hostname using broker certificate. https - Server (broker) hostname verification as specified in RFC2818. none - No endpoint verification. OpenSSL >= 1.0.2 required.
   *
   * role: both · importance: low · default: https
   */
  "ssl.endpoint.identification.algorithm"?: "none" | "NONE" | "https" | "HTTPS";
  /**
   * Callback to verify the broker certificate chain.
   *
   * role: both · importance: low
   */
  "ssl.certificate.verify_cb"?: unknown;
  /**
   * SASL mechanism to use for authentication. Supported: GSSAPI, PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER. **NOTE**: Despite the name only one mechanism must be configured.
   *
   * role: both · importance: high · default: GSSAPI
   */
  "sasl.mechanisms"?: string;
  /**
   * Alias for `sasl.mechanisms`: SASL mechanism to use for authentication. Supported: GSSAPI, PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER. **NOTE**: Despite the name only one mechanism must be configured.
   *
   * role: both · importance: high · default: GSSAPI
   */
  "sasl.mechanism"?: string;
  /**
   * Kerberos principal name that Kafka runs as, not including /hostname@REALM
   *
   * role: both · importance: low · default: kafka
   */
  "sasl.kerberos.service.name"?: string;
  /**
   * This client's Kerberos principal name. (Not supported on Windows, will use the logon user's principal).
   *
   * role: both · importance: low · default: kafkaclient
   */
  "sasl.kerberos.principal"?: string;
  /**
   * Shell command to refresh or acquire the client's Kerberos ticket. This command is executed on client creation and every sasl.kerberos.min.time.before.relogin (0=disable). %{config.prop.name} is replaced by corresponding config object value.
   *
   * role: both · importance: low · default: kinit -R -t "%{sasl.kerberos.keytab}" -k %{sasl.kerberos.principal} || kinit -t "%{sasl.kerberos.keytab}" -k %{sasl.kerberos.principal}
   */
  "sasl.kerberos.kinit.cmd"?: string;
  /**
   * Path to Kerberos keytab file. This configuration property is only used as a variable in `sasl.kerberos.kinit.cmd` as ` ... -t "%{sasl.kerberos.keytab}"`.
   *
   * role: both · importance: low
   */
  "sasl.kerberos.keytab"?: string;
  /**
   * Minimum time in milliseconds between key refresh attempts. Disable automatic key refresh by setting this property to 0.
   *
   * role: both · importance: low · range: 0 .. 86400000 · default: 60000
   */
  "sasl.kerberos.min.time.before.relogin"?: number | `${number}`;
  /**
   * SASL username for use with the PLAIN and SASL-SCRAM-.. mechanisms
   *
   * role: both · importance: high
   */
  "sasl.username"?: string;
  /**
   * SASL password for use with the PLAIN and SASL-SCRAM-.. mechanism
   *
   * role: both · importance: high
   */
  "sasl.password"?: string;
  /**
   * SASL/OAUTHBEARER configuration. The format is implementation-dependent and must be parsed accordingly. The default unsecured token implementation (see https://tools.ietf.org/html/rfc7515#appendix-A.5) recognizes space-separated name=value pairs with valid names including principalClaimName, principal, scopeClaimName, scope, and lifeSeconds. The default value for principalClaimName is "sub", the default value for scopeClaimName is "scope", and the default value for lifeSeconds is 3600. The scope value is CSV format with the default value being no/empty scope. For example: `principalClaimName=azp principal=admin scopeClaimName=roles scope=role1,role2 lifeSeconds=600`. In addition, SASL extensions can be communicated to the broker via `extension_NAME=value`. For example: `principal=admin extension_traceId=123`
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.config"?: string;
  /**
   * Enable the builtin unsecure JWT OAUTHBEARER token handler if no oauthbearer_refresh_cb has been set. This builtin handler should only be used for development or testing, and not in production.
   *
   * role: both · importance: low · default: false
   */
  "enable.sasl.oauthbearer.unsecure.jwt"?: boolean | 'true' | 'false';
  /**
   * SASL/OAUTHBEARER token refresh callback (set with rd_kafka_conf_set_oauthbearer_token_refresh_cb(), triggered by rd_kafka_poll(), et.al. This callback will be triggered when it is time to refresh the client's OAUTHBEARER token. Also see `rd_kafka_conf_enable_sasl_queue()`.
   *
   * role: both · importance: low
   */
  "oauthbearer_token_refresh_cb"?: unknown;
  /**
   * Set to "default" or "oidc" to control which login method to be used. If set to "oidc", the following properties must also be be specified: `sasl.oauthbearer.client.id`, `sasl.oauthbearer.client.secret`, and `sasl.oauthbearer.token.endpoint.url`.
   *
   * role: both · importance: low · default: default
   */
  "sasl.oauthbearer.method"?: "default" | "DEFAULT" | "oidc" | "OIDC";
  /**
   * Public identifier for the application. Must be unique across all clients that the authorization server handles. Only used when `sasl.oauthbearer.method` is set to "oidc".
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.client.id"?: string;
  /**
   * Alias for `sasl.oauthbearer.client.id`: Public identifier for the application. Must be unique across all clients that the authorization server handles. Only used when `sasl.oauthbearer.method` is set to "oidc".
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.client.credentials.client.id"?: string;
  /**
   * Alias for `sasl.oauthbearer.client.secret`: Client secret only known to the application and the authorization server. This should be a sufficiently random string that is not guessable. Only used when `sasl.oauthbearer.method` is set to "oidc".
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.client.credentials.client.secret"?: string;
  /**
   * Client secret only known to the application and the authorization server. This should be a sufficiently random string that is not guessable. Only used when `sasl.oauthbearer.method` is set to "oidc".
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.client.secret"?: string;
  /**
   * Client use this to specify the scope of the access request to the broker. Only used when `sasl.oauthbearer.method` is set to "oidc".
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.scope"?: string;
  /**
   * Allow additional information to be provided to the broker. Comma-separated list of key=value pairs. E.g., "supportFeatureX=true,organizationId=sales-emea".Only used when `sasl.oauthbearer.method` is set to "oidc".
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.extensions"?: string;
  /**
   * OAuth/OIDC issuer token endpoint HTTP(S) URI used to retrieve token. Only used when `sasl.oauthbearer.method` is set to "oidc".
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.token.endpoint.url"?: string;
  /**
   * OAuth grant type to use when communicating with the identity provider.
   *
   * role: both · importance: low · default: client_credentials
   */
  "sasl.oauthbearer.grant.type"?: "client_credentials" | "CLIENT_CREDENTIALS" | "urn:ietf:params:oauth:grant-type:jwt-bearer" | "URN:IETF:PARAMS:OAUTH:GRANT-TYPE:JWT-BEARER";
  /**
   * Algorithm the client should use to sign the assertion sent to the identity provider and in the OAuth alg header in the JWT assertion.
   *
   * role: both · importance: low · default: RS256
   */
  "sasl.oauthbearer.assertion.algorithm"?: "RS256" | "ES256";
  /**
   * Path to client's private key (PEM) used for authentication when using the JWT assertion.
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.assertion.private.key.file"?: string;
  /**
   * Private key passphrase for `sasl.oauthbearer.assertion.private.key.file` or `sasl.oauthbearer.assertion.private.key.pem`.
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.assertion.private.key.passphrase"?: string;
  /**
   * Client's private key (PEM) used for authentication when using the JWT assertion.
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.assertion.private.key.pem"?: string;
  /**
   * Path to the assertion file. Only used when `sasl.oauthbearer.method` is set to "oidc" and JWT assertion is needed.
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.assertion.file"?: string;
  /**
   * JWT audience claim. Only used when `sasl.oauthbearer.method` is set to "oidc" and JWT assertion is needed.
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.assertion.claim.aud"?: string;
  /**
   * Assertion expiration time in seconds. Only used when `sasl.oauthbearer.method` is set to "oidc" and JWT assertion is needed.
   *
   * role: both · importance: low · range: 1 .. 2147483647 · default: 300
   */
  "sasl.oauthbearer.assertion.claim.exp.seconds"?: number | `${number}`;
  /**
   * JWT issuer claim. Only used when `sasl.oauthbearer.method` is set to "oidc" and JWT assertion is needed.
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.assertion.claim.iss"?: string;
  /**
   * JWT ID claim. When set to `true`, a random UUID is generated. Only used when `sasl.oauthbearer.method` is set to "oidc" and JWT assertion is needed.
   *
   * role: both · importance: low · default: false
   */
  "sasl.oauthbearer.assertion.claim.jti.include"?: boolean | 'true' | 'false';
  /**
   * Assertion not before time in seconds. Only used when `sasl.oauthbearer.method` is set to "oidc" and JWT assertion is needed.
   *
   * role: both · importance: low · range: 0 .. 2147483647 · default: 60
   */
  "sasl.oauthbearer.assertion.claim.nbf.seconds"?: number | `${number}`;
  /**
   * JWT subject claim. Only used when `sasl.oauthbearer.method` is set to "oidc" and JWT assertion is needed.
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.assertion.claim.sub"?: string;
  /**
   * Path to the JWT template file. Only used when `sasl.oauthbearer.method` is set to "oidc" and JWT assertion is needed.
   *
   * role: both · importance: low
   */
  "sasl.oauthbearer.assertion.jwt.template.file"?: string;
  /**
   * Type of metadata-based authentication to use for OAUTHBEARER/OIDC `azure_imds` authenticates using the Azure IMDS endpoint. Sets a default value for `sasl.oauthbearer.token.endpoint.url` if missing. Configuration values specific of chosen authentication type can be passed through `sasl.oauthbearer.config`.
   *
   * role: both · importance: low · default: none
   */
  "sasl.oauthbearer.metadata.authentication.type"?: "none" | "NONE" | "azure_imds" | "AZURE_IMDS";
  /**
   * List of plugin libraries to load (; separated). The library search path is platform dependent (see dlopen(3) for Unix and LoadLibrary() for Windows). If no filename extension is specified the platform-specific extension (such as .dll or .so) will be appended automatically.
   *
   * role: both · importance: low
   */
  "plugin.library.paths"?: string;
  /**
   * Interceptors added through rd_kafka_conf_interceptor_add_..() and any configuration handled by interceptors.
   *
   * role: both · importance: low
   */
  "interceptors"?: unknown;
  /**
   * Client group id string. All clients sharing the same group.id belong to the same group.
   *
   * role: consumer · importance: high
   */
  "group.id"?: string;
  /**
   * Enable static group membership. Static group members are able to leave and rejoin a group within the configured `session.timeout.ms` without prompting a group rebalance. This should be used in combination with a larger `session.timeout.ms` to avoid group rebalances caused by transient unavailability (e.g. process restarts). Requires broker version >= 2.3.0.
   *
   * role: consumer · importance: medium
   */
  "group.instance.id"?: string;
  /**
   * The name of one or more partition assignment strategies. The elected group leader will use a strategy supported by all members of the group to assign partitions to group members. If there is more than one eligible strategy, preference is determined by the order of this list (strategies earlier in the list have higher priority). Cooperative and non-cooperative (eager)strategies must not be mixed. `partition.assignment.strategy` is not supported for `group.protocol=consumer`. Use `group.remote.assignor` instead. Available strategies: range, roundrobin, cooperative-sticky.
   *
   * role: consumer · importance: medium · default: range,roundrobin
   */
  "partition.assignment.strategy"?: string;
  /**
   * Client group session and failure detection timeout. The consumer sends periodic heartbeats (heartbeat.interval.ms) to indicate its liveness to the broker. If no hearts are received by the broker for a group member within the session timeout, the broker will remove the consumer from the group and trigger a rebalance. The allowed range is configured with the **broker** configuration properties `group.min.session.timeout.ms` and `group.max.session.timeout.ms`. `session.timeout.ms` is not supported for `group.protocol=consumer`. It is set with the broker configuration property `group.consumer.session.timeout.ms` by default or can be configured through the AdminClient IncrementalAlterConfigs API. The allowed range is configured with the broker configuration properties `group.consumer.min.session.timeout.ms` and `group.consumer.max.session.timeout.ms`. Also see `max.poll.interval.ms`.
   *
   * role: consumer · importance: high · range: 1 .. 3600000 · default: 45000
   */
  "session.timeout.ms"?: number | `${number}`;
  /**
   * Group session keepalive heartbeat interval. `heartbeat.interval.ms` is not supported for `group.protocol=consumer`. It is set with the broker configuration property `group.consumer.heartbeat.interval.ms` by default or can be configured through the AdminClient IncrementalAlterConfigs API. The allowed range is configured with the broker configuration properties `group.consumer.min.heartbeat.interval.ms` and `group.consumer.max.heartbeat.interval.ms`.
   *
   * role: consumer · importance: low · range: 1 .. 3600000 · default: 3000
   */
  "heartbeat.interval.ms"?: number | `${number}`;
  /**
   * Group protocol type for the `classic` group protocol. NOTE: Currently, the only supported group protocol type is `consumer`. `group.protocol.type` is not supported for `group.protocol=consumer`
   *
   * role: consumer · importance: low · default: consumer
   */
  "group.protocol.type"?: string;
  /**
   * Group protocol to use. Use `classic` for the original protocol and `consumer` for the new protocol introduced in KIP-848. Available protocols: classic or consumer. Default is `classic`, but will change to `consumer` in next releases.
   *
   * role: consumer · importance: high · default: classic
   */
  "group.protocol"?: "classic" | "CLASSIC" | "consumer" | "CONSUMER";
  /**
   * Server side assignor to use. Keep it null to make server select a suitable assignor for the group. Available assignors: uniform or range. Default is null
   *
   * role: consumer · importance: medium
   */
  "group.remote.assignor"?: string;
  /**
   * How often to query for the current client group coordinator. If the currently assigned coordinator is down the configured query interval will be divided by ten to more quickly recover in case of coordinator reassignment.
   *
   * role: consumer · importance: low · range: 1 .. 3600000 · default: 600000
   */
  "coordinator.query.interval.ms"?: number | `${number}`;
  /**
   * Maximum allowed time between calls to consume messages (e.g., rd_kafka_consumer_poll()) for high-level consumers. If this interval is exceeded the consumer is considered failed and the group will rebalance in order to reassign the partitions to another consumer group member. Warning: Offset commits may be not possible at this point. Note: It is recommended to set `enable.auto.offset.store=false` for long-time processing applications and then explicitly store offsets (using offsets_store()) *after* message processing, to make sure offsets are not auto-committed prior to processing has finished. The interval is checked two times per second. See KIP-62 for more information.
   *
   * role: consumer · importance: high · range: 1 .. 86400000 · default: 300000
   */
  "max.poll.interval.ms"?: number | `${number}`;
  /**
   * Automatically and periodically commit offsets in the background. Note: setting this to false does not prevent the consumer from fetching previously committed start offsets. To circumvent this behaviour set specific start offsets per partition in the call to assign().
   *
   * role: consumer · importance: high · default: true
   */
  "enable.auto.commit"?: boolean | 'true' | 'false';
  /**
   * The frequency in milliseconds that the consumer offsets are committed (written) to offset storage. (0 = disable). This setting is used by the high-level consumer.
   *
   * role: consumer · importance: medium · range: 0 .. 86400000 · default: 5000
   */
  "auto.commit.interval.ms"?: number | `${number}`;
  /**
   * Automatically store offset of last message provided to application. The offset store is an in-memory store of the next offset to (auto-)commit for each partition.
   *
   * role: consumer · importance: high · default: true
   */
  "enable.auto.offset.store"?: boolean | 'true' | 'false';
  /**
   * Minimum number of messages per topic+partition librdkafka tries to maintain in the local consumer queue.
   *
   * role: consumer · importance: medium · range: 1 .. 10000000 · default: 100000
   */
  "queued.min.messages"?: number | `${number}`;
  /**
   * Maximum number of kilobytes of queued pre-fetched messages in the local consumer queue. If using the high-level consumer this setting applies to the single consumer queue, regardless of the number of partitions. When using the legacy simple consumer or when separate partition queues are used this setting applies per partition. This value may be overshot by fetch.message.max.bytes. This property has higher priority than queued.min.messages.
   *
   * role: consumer · importance: medium · range: 1 .. 2097151 · default: 65536
   */
  "queued.max.messages.kbytes"?: number | `${number}`;
  /**
   * Maximum time the broker may wait to fill the Fetch response with fetch.min.bytes of messages.
   *
   * role: consumer · importance: low · range: 0 .. 300000 · default: 500
   */
  "fetch.wait.max.ms"?: number | `${number}`;
  /**
   * How long to postpone the next fetch request for a topic+partition in case the current fetch queue thresholds (queued.min.messages or queued.max.messages.kbytes) have been exceded. This property may need to be decreased if the queue thresholds are set low and the application is experiencing long (~1s) delays between messages. Low values may increase CPU utilization.
   *
   * role: consumer · importance: medium · range: 0 .. 300000 · default: 1000
   */
  "fetch.queue.backoff.ms"?: number | `${number}`;
  /**
   * Initial maximum number of bytes per topic+partition to request when fetching messages from the broker. If the client encounters a message larger than this value it will gradually try to increase it until the entire message can be fetched.
   *
   * role: consumer · importance: medium · range: 1 .. 1000000000 · default: 1048576
   */
  "fetch.message.max.bytes"?: number | `${number}`;
  /**
   * Alias for `fetch.message.max.bytes`: Initial maximum number of bytes per topic+partition to request when fetching messages from the broker. If the client encounters a message larger than this value it will gradually try to increase it until the entire message can be fetched.
   *
   * role: consumer · importance: medium · range: 1 .. 1000000000 · default: 1048576
   */
  "max.partition.fetch.bytes"?: number | `${number}`;
  /**
   * Maximum amount of data the broker shall return for a Fetch request. Messages are fetched in batches by the consumer and if the first message batch in the first non-empty partition of the Fetch request is larger than this value, then the message batch will still be returned to ensure the consumer can make progress. The maximum message batch size accepted by the broker is defined via `message.max.bytes` (broker config) or `max.message.bytes` (broker topic config). `fetch.max.bytes` is automatically adjusted upwards to be at least `message.max.bytes` (consumer config).
   *
   * role: consumer · importance: medium · range: 0 .. 2147483135 · default: 52428800
   */
  "fetch.max.bytes"?: number | `${number}`;
  /**
   * Minimum number of bytes the broker responds with. If fetch.wait.max.ms expires the accumulated data will be sent to the client regardless of this setting.
   *
   * role: consumer · importance: low · range: 1 .. 100000000 · default: 1
   */
  "fetch.min.bytes"?: number | `${number}`;
  /**
   * How long to postpone the next fetch request for a topic+partition in case of a fetch error.
   *
   * role: consumer · importance: medium · range: 0 .. 300000 · default: 500
   */
  "fetch.error.backoff.ms"?: number | `${number}`;
  /**
   * **DEPRECATED** Offset commit store method: 'file' - DEPRECATED: local file store (offset.store.path, et.al), 'broker' - broker commit store (requires Apache Kafka 0.8.2 or later on the broker).
   *
   * role: consumer · importance: low · default: broker
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "offset.store.method"?: "none" | "NONE" | "file" | "FILE" | "broker" | "BROKER";
  /**
   * Controls how to read messages written transactionally: `read_committed` - only return transactional messages which have been committed. `read_uncommitted` - return all messages, even transactional messages which have been aborted.
   *
   * role: consumer · importance: high · default: read_committed
   */
  "isolation.level"?: "read_uncommitted" | "READ_UNCOMMITTED" | "read_committed" | "READ_COMMITTED";
  /**
   * Message consume callback (set with rd_kafka_conf_set_consume_cb())
   *
   * role: consumer · importance: low
   */
  "consume_cb"?: unknown;
  /**
   * Called after consumer group has been rebalanced (set with rd_kafka_conf_set_rebalance_cb())
   *
   * role: consumer · importance: low
   */
  "rebalance_cb"?: unknown;
  /**
   * Offset commit result propagation callback. (set with rd_kafka_conf_set_offset_commit_cb())
   *
   * role: consumer · importance: low
   */
  "offset_commit_cb"?: unknown;
  /**
   * Emit RD_KAFKA_RESP_ERR__PARTITION_EOF event whenever the consumer reaches the end of a partition.
   *
   * role: consumer · importance: low · default: false
   */
  "enable.partition.eof"?: boolean | 'true' | 'false';
  /**
   * Verify CRC32 of consumed messages, ensuring no on-the-wire or on-disk corruption to the messages occurred. This check comes at slightly increased CPU usage.
   *
   * role: consumer · importance: medium · default: false
   */
  "check.crcs"?: boolean | 'true' | 'false';
  /**
   * A rack identifier for this client. This can be any string value which indicates where this client is physically located. It corresponds with the broker config `broker.rack`.
   *
   * role: both · importance: low
   */
  "client.rack"?: string;
  /**
   * Enables the transactional producer. The transactional.id is used to identify the same transactional producer instance across process restarts. It allows the producer to guarantee that transactions corresponding to earlier instances of the same producer have been finalized prior to starting any new transactions, and that any zombie instances are fenced off. If no transactional.id is provided, then the producer is limited to idempotent delivery (if enable.idempotence is set). Requires broker version >= 0.11.0.
   *
   * role: producer · importance: high
   */
  "transactional.id"?: string;
  /**
   * The maximum amount of time in milliseconds that the transaction coordinator will wait for a transaction status update from the producer before proactively aborting the ongoing transaction. If this value is larger than the `transaction.max.timeout.ms` setting in the broker, the init_transactions() call will fail with ERR_INVALID_TRANSACTION_TIMEOUT. The transaction timeout automatically adjusts `message.timeout.ms` and `socket.timeout.ms`, unless explicitly configured in which case they must not exceed the transaction timeout (`socket.timeout.ms` must be at least 100ms lower than `transaction.timeout.ms`). This is also the default timeout value if no timeout (-1) is supplied to the transactional API methods.
   *
   * role: producer · importance: medium · range: 1000 .. 2147483647 · default: 60000
   */
  "transaction.timeout.ms"?: number | `${number}`;
  /**
   * When set to `true`, the producer will ensure that messages are successfully produced exactly once and in the original produce order. The following configuration properties are adjusted automatically (if not modified by the user) when idempotence is enabled: `max.in.flight.requests.per.connection=5` (must be less than or equal to 5), `retries=INT32_MAX` (must be greater than 0), `acks=all`, `queuing.strategy=fifo`. Producer instantation will fail if user-supplied configuration is incompatible.
   *
   * role: producer · importance: high · default: false
   */
  "enable.idempotence"?: boolean | 'true' | 'false';
  /**
   * **EXPERIMENTAL**: subject to change or removal. When set to `true`, any error that could result in a gap in the produced message series when a batch of messages fails, will raise a fatal error (ERR__GAPLESS_GUARANTEE) and stop the producer. Messages failing due to `message.timeout.ms` are not covered by this guarantee. Requires `enable.idempotence=true`.
   *
   * role: producer · importance: low · default: false
   */
  "enable.gapless.guarantee"?: boolean | 'true' | 'false';
  /**
   * Maximum number of messages allowed on the producer queue. This queue is shared by all topics and partitions. A value of 0 disables this limit.
   *
   * role: producer · importance: high · range: 0 .. 2147483647 · default: 100000
   */
  "queue.buffering.max.messages"?: number | `${number}`;
  /**
   * Maximum total message size sum allowed on the producer queue. This queue is shared by all topics and partitions. This property has higher priority than queue.buffering.max.messages.
   *
   * role: producer · importance: high · range: 1 .. 2147483647 · default: 1048576
   */
  "queue.buffering.max.kbytes"?: number | `${number}`;
  /**
   * Delay in milliseconds to wait for messages in the producer queue to accumulate before constructing message batches (MessageSets) to transmit to brokers. A higher value allows larger and more effective (less overhead, improved compression) batches of messages to accumulate at the expense of increased message delivery latency.
   *
   * role: producer · importance: high · range: 0 .. 900000 · default: 5
   */
  "queue.buffering.max.ms"?: number | `${number}`;
  /**
   * Alias for `queue.buffering.max.ms`: Delay in milliseconds to wait for messages in the producer queue to accumulate before constructing message batches (MessageSets) to transmit to brokers. A higher value allows larger and more effective (less overhead, improved compression) batches of messages to accumulate at the expense of increased message delivery latency.
   *
   * role: producer · importance: high · range: 0 .. 900000 · default: 5
   */
  "linger.ms"?: number | `${number}`;
  /**
   * How many times to retry sending a failing Message. **Note:** retrying may cause reordering unless `enable.idempotence` is set to true.
   *
   * role: producer · importance: high · range: 0 .. 2147483647 · default: 2147483647
   */
  "message.send.max.retries"?: number | `${number}`;
  /**
   * Alias for `message.send.max.retries`: How many times to retry sending a failing Message. **Note:** retrying may cause reordering unless `enable.idempotence` is set to true.
   *
   * role: producer · importance: high · range: 0 .. 2147483647 · default: 2147483647
   */
  "retries"?: number | `${number}`;
  /**
   * The backoff time in milliseconds before retrying a protocol request, this is the first backoff time, and will be backed off exponentially until number of retries is exhausted, and it's capped by retry.backoff.max.ms.
   *
   * role: both · importance: medium · range: 1 .. 300000 · default: 100
   */
  "retry.backoff.ms"?: number | `${number}`;
  /**
   * The max backoff time in milliseconds before retrying a protocol request, this is the atmost backoff allowed for exponentially backed off requests.
   *
   * role: both · importance: medium · range: 1 .. 300000 · default: 1000
   */
  "retry.backoff.max.ms"?: number | `${number}`;
  /**
   * The threshold of outstanding not yet transmitted broker requests needed to backpressure the producer's message accumulator. If the number of not yet transmitted requests equals or exceeds this number, produce request creation that would have otherwise been triggered (for example, in accordance with linger.ms) will be delayed. A lower number yields larger and more effective batches. A higher value can improve latency when using compression on slow machines.
   *
   * role: producer · importance: low · range: 1 .. 1000000 · default: 1
   */
  "queue.buffering.backpressure.threshold"?: number | `${number}`;
  /**
   * compression codec to use for compressing message sets. This is the default value for all topics, may be overridden by the topic configuration property `compression.codec`.
   *
   * role: producer · importance: medium · default: none
   */
  "compression.codec"?: "none" | "NONE" | "gzip" | "GZIP" | "snappy" | "SNAPPY" | "lz4" | "LZ4" | "zstd" | "ZSTD" | "inherit" | "INHERIT";
  /**
   * Alias for `compression.codec`: compression codec to use for compressing message sets. This is the default value for all topics, may be overridden by the topic configuration property `compression.codec`.
   *
   * role: producer · importance: medium · default: none
   */
  "compression.type"?: "none" | "NONE" | "gzip" | "GZIP" | "snappy" | "SNAPPY" | "lz4" | "LZ4" | "zstd" | "ZSTD";
  /**
   * Maximum number of messages batched in one MessageSet. The total MessageSet size is also limited by batch.size and message.max.bytes.
   *
   * role: producer · importance: medium · range: 1 .. 1000000 · default: 10000
   */
  "batch.num.messages"?: number | `${number}`;
  /**
   * Maximum size (in bytes) of all messages batched in one MessageSet, including protocol framing overhead. This limit is applied after the first message has been added to the batch, regardless of the first message's size, this is to ensure that messages that exceed batch.size are produced. The total MessageSet size is also limited by batch.num.messages and message.max.bytes.
   *
   * role: producer · importance: medium · range: 1 .. 2147483647 · default: 1000000
   */
  "batch.size"?: number | `${number}`;
  /**
   * Only provide delivery reports for failed messages.
   *
   * role: producer · importance: low · default: false
   */
  "delivery.report.only.error"?: boolean | 'true' | 'false';
  /**
   * Delivery report callback (set with rd_kafka_conf_set_dr_cb())
   *
   * role: producer · importance: low
   */
  "dr_cb"?: unknown;
  /**
   * Delivery report callback (set with rd_kafka_conf_set_dr_msg_cb())
   *
   * role: producer · importance: low
   */
  "dr_msg_cb"?: unknown;
  /**
   * Delay in milliseconds to wait to assign new sticky partitions for each topic. By default, set to double the time of linger.ms. To disable sticky behavior, set to 0. This behavior affects messages with the key NULL in all cases, and messages with key lengths of zero when the consistent_random partitioner is in use. These messages would otherwise be assigned randomly. A higher value allows for more effective batching of these messages.
   *
   * role: producer · importance: low · range: 0 .. 900000 · default: 10
   */
  "sticky.partitioning.linger.ms"?: number | `${number}`;
  /**
   * Controls how the client uses DNS lookups. By default, when the lookup returns multiple IP addresses for a hostname, they will all be attempted for connection before the connection is considered failed. This applies to both bootstrap and advertised servers. If the value is set to `resolve_canonical_bootstrap_servers_only`, each entry will be resolved and expanded into a list of canonical names. **WARNING**: `resolve_canonical_bootstrap_servers_only` must only be used with `GSSAPI` (Kerberos) as `sasl.mechanism`, as it's the only purpose of this configuration value. **NOTE**: Default here is different from the Java client's default behavior, which connects only to the first IP address returned for a hostname.
   *
   * role: both · importance: low · default: use_all_dns_ips
   */
  "client.dns.lookup"?: "use_all_dns_ips" | "USE_ALL_DNS_IPS" | "resolve_canonical_bootstrap_servers_only" | "RESOLVE_CANONICAL_BOOTSTRAP_SERVERS_ONLY";
  /**
   * Whether to enable pushing of client metrics to the cluster, if the cluster has a client metrics subscription which matches this client
   *
   * role: both · importance: low · default: true
   */
  "enable.metrics.push"?: boolean | 'true' | 'false';
  /**
   * This field indicates the number of acknowledgements the leader broker must receive from ISR brokers before responding to the request: *0*=Broker does not send any response/ack to client, *-1* or *all*=Broker will block until message is committed by all in sync replicas (ISRs). If there are less than `min.insync.replicas` (broker configuration) in the ISR set the produce request will fail.
   *
   * role: producer · importance: high · range: -1 .. 1000 · default: -1 · topic-level
   */
  "request.required.acks"?: number | `${number}` | "all";
  /**
   * Alias for `request.required.acks`: This field indicates the number of acknowledgements the leader broker must receive from ISR brokers before responding to the request: *0*=Broker does not send any response/ack to client, *-1* or *all*=Broker will block until message is committed by all in sync replicas (ISRs). If there are less than `min.insync.replicas` (broker configuration) in the ISR set the produce request will fail.
   *
   * role: producer · importance: high · range: -1 .. 1000 · default: -1 · topic-level
   */
  "acks"?: number | `${number}` | "all";
  /**
   * The ack timeout of the producer request in milliseconds. This value is only enforced by the broker and relies on `request.required.acks` being != 0.
   *
   * role: producer · importance: medium · range: 1 .. 900000 · default: 30000 · topic-level
   */
  "request.timeout.ms"?: number | `${number}`;
  /**
   * Local message timeout. This value is only enforced locally and limits the time a produced message waits for successful delivery. A time of 0 is infinite. This is the maximum time librdkafka may use to deliver a message (including retries). Delivery error occurs when either the retry count or the message timeout are exceeded. The message timeout is automatically adjusted to `transaction.timeout.ms` if `transactional.id` is configured.
   *
   * role: producer · importance: high · range: 0 .. 2147483647 · default: 300000 · topic-level
   */
  "message.timeout.ms"?: number | `${number}`;
  /**
   * Alias for `message.timeout.ms`: Local message timeout. This value is only enforced locally and limits the time a produced message waits for successful delivery. A time of 0 is infinite. This is the maximum time librdkafka may use to deliver a message (including retries). Delivery error occurs when either the retry count or the message timeout are exceeded. The message timeout is automatically adjusted to `transaction.timeout.ms` if `transactional.id` is configured.
   *
   * role: producer · importance: high · range: 0 .. 2147483647 · default: 300000 · topic-level
   */
  "delivery.timeout.ms"?: number | `${number}`;
  /**
   * **EXPERIMENTAL**: subject to change or removal. **DEPRECATED** Producer queuing strategy. FIFO preserves produce ordering, while LIFO prioritizes new messages.
   *
   * role: producer · importance: low · default: fifo · topic-level
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "queuing.strategy"?: "fifo" | "FIFO" | "lifo" | "LIFO";
  /**
   * **DEPRECATED** No longer used.
   *
   * role: producer · importance: low · default: false · topic-level
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "produce.offset.report"?: boolean | 'true' | 'false';
  /**
   * Partitioner: `random` - random distribution, `consistent` - CRC32 hash of key (Empty and NULL keys are mapped to single partition), `consistent_random` - CRC32 hash of key (Empty and NULL keys are randomly partitioned), `murmur2` - Java Producer compatible Murmur2 hash of key (NULL keys are mapped to single partition), `murmur2_random` - Java Producer compatible Murmur2 hash of key (NULL keys are randomly partitioned. This is functionally equivalent to the default partitioner in the Java Producer.), `fnv1a` - FNV-1a hash of key (NULL keys are mapped to single partition), `fnv1a_random` - FNV-1a hash of key (NULL keys are randomly partitioned).
   *
   * role: producer · importance: high · default: consistent_random · topic-level
   */
  "partitioner"?: string;
  /**
   * Custom partitioner callback (set with rd_kafka_topic_conf_set_partitioner_cb())
   *
   * role: producer · importance: low · topic-level
   */
  "partitioner_cb"?: unknown;
  /**
   * **EXPERIMENTAL**: subject to change or removal. **DEPRECATED** Message queue ordering comparator (set with rd_kafka_topic_conf_set_msg_order_cmp()). Also see `queuing.strategy`.
   *
   * role: producer · importance: low · topic-level
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "msg_order_cmp"?: unknown;
  /**
   * Compression level parameter for algorithm selected by configuration property `compression.codec`. Higher values will result in better compression at the cost of more CPU usage. Usable range is algorithm-dependent: [0-9] for gzip; [0-12] for lz4; only 0 for snappy; -1 = codec-dependent default compression level.
   *
   * role: producer · importance: medium · range: -1 .. 12 · default: -1 · topic-level
   */
  "compression.level"?: number | `${number}`;
  /**
   * **DEPRECATED** [**LEGACY PROPERTY:** This property is used by the simple legacy consumer only. When using the high-level KafkaConsumer, the global `enable.auto.commit` property must be used instead]. If true, periodically commit offset of the last message handed to the application. This committed offset will be used when the process restarts to pick up where it left off. If false, the application will have to call `rd_kafka_offset_store()` to store an offset (optional). Offsets will be written to broker or local file according to offset.store.method.
   *
   * role: consumer · importance: low · default: true · topic-level
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "auto.commit.enable"?: boolean | 'true' | 'false';
  /**
   * Action to take when there is no initial offset in offset store or the desired offset is out of range: 'smallest','earliest' - automatically reset the offset to the smallest offset, 'largest','latest' - automatically reset the offset to the largest offset, 'error' - trigger an error (ERR__AUTO_OFFSET_RESET) which is retrieved by consuming messages and checking 'message->err'.
   *
   * role: consumer · importance: high · default: largest · topic-level
   */
  "auto.offset.reset"?: "smallest" | "SMALLEST" | "earliest" | "EARLIEST" | "beginning" | "BEGINNING" | "largest" | "LARGEST" | "latest" | "LATEST" | "end" | "END" | "error" | "ERROR";
  /**
   * **DEPRECATED** Path to local file for storing offsets. If the path is a directory a filename will be automatically generated in that directory based on the topic and partition. File-based offset storage will be removed in a future version.
   *
   * role: consumer · importance: low · default: . · topic-level
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "offset.store.path"?: string;
  /**
   * **DEPRECATED** fsync() interval for the offset file, in milliseconds. Use -1 to disable syncing, and 0 for immediate sync after each write. File-based offset storage will be removed in a future version.
   *
   * role: consumer · importance: low · range: -1 .. 86400000 · default: -1 · topic-level
   *
   * @deprecated see librdkafka CONFIGURATION.md
   */
  "offset.store.sync.interval.ms"?: number | `${number}`;
  /**
   * Maximum number of messages to dispatch in one `rd_kafka_consume_callback*()` call (0 = unlimited)
   *
   * role: consumer · importance: low · range: 0 .. 1000000 · default: 0 · topic-level
   */
  "consume.callback.max.messages"?: number | `${number}`;
}
