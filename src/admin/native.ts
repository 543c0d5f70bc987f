/**
 * The typed surface of the addon's native `Admin` class (`native/admin.h`): librdkafka's Admin API
 * on a handle of its own. Internal: the {@link AdminClient} facade is the public face.
 *
 * @packageDocumentation
 */
import { native } from '../native';

/** An error as the addon reports it (null: no error). */
export interface RawAdminError {
  errno: number;
  kafkaName: string;
  message: string;
}

/** A broker as the addon reports it. */
export interface RawNode {
  id: number;
  host: string;
  port: number;
  rack: string | null;
}

/** Every result carries the request-level error (timeout, transport) first. */
export interface RawResult {
  error: RawAdminError | null;
}

/** One ACL binding (enums as librdkafka's integers). */
export interface RawAclBinding {
  resourceType: number;
  name: string | null;
  patternType: number;
  principal: string | null;
  host: string | null;
  operation: number;
  permissionType: number;
}

/** One config entry of a described resource. */
export interface RawConfigEntry {
  name: string;
  value: string | null;
  source: number;
  isReadOnly: boolean;
  isDefault: boolean;
  isSensitive: boolean;
  synonyms: { name: string; value: string | null; source: number }[];
}

/** A described or altered config resource. */
export interface RawConfigResource {
  type: number;
  name: string;
  error: RawAdminError | null;
  configs?: RawConfigEntry[];
}

/** A described consumer group. */
export interface RawGroupDescription {
  groupId: string;
  error: RawAdminError | null;
  isSimple: boolean;
  partitionAssignor: string | null;
  state: string | null;
  type: string | null;
  coordinator: RawNode | null;
  authorizedOperations: number[] | null;
  members: {
    memberId: string;
    clientId: string;
    groupInstanceId: string | null;
    host: string;
    assignment: { topic: string; partition: number }[];
  }[];
}

/** A group's partitions with offsets (ListConsumerGroupOffsets, AlterConsumerGroupOffsets). */
export interface RawGroupOffsets {
  groupId: string;
  error: RawAdminError | null;
  partitions: { topic: string; partition: number; offset: number; metadata?: string; error: RawAdminError | null }[];
}

/** Client-level events of the admin handle. */
export interface NativeAdminEvents {
  error: RawAdminError & { fatal: boolean };
  'oauthbearer-token-refresh': string;
}

/** An instance of the native Admin class. Each call issues one request and never blocks. */
export interface NativeAdmin {
  createTopics(
    topics: { topic: string; numPartitions: number; replicationFactor: number; config: string[] }[],
    validateOnly: boolean,
    timeoutMs: number,
  ): Promise<RawResult & { topics?: { topic: string; error: RawAdminError | null }[] }>;
  deleteTopics(topics: string[], timeoutMs: number): Promise<RawResult & { topics?: { topic: string; error: RawAdminError | null }[] }>;
  createPartitions(changes: { topic: string; count: number }[], validateOnly: boolean, timeoutMs: number): Promise<RawResult & { topics?: { topic: string; error: RawAdminError | null }[] }>;
  listGroups(states: number[] | null, timeoutMs: number): Promise<RawResult & { groups?: { groupId: string; isSimple: boolean; state: string | null; type: string | null }[]; errors?: RawAdminError[] }>;
  describeGroups(groups: string[], includeAuthorizedOperations: boolean, timeoutMs: number): Promise<RawResult & { groups?: RawGroupDescription[] }>;
  deleteGroups(groups: string[], timeoutMs: number): Promise<RawResult & { groups?: { groupId: string; error: RawAdminError | null }[] }>;
  describeConfigs(resources: { type: number; name: string }[], timeoutMs: number): Promise<RawResult & { resources?: RawConfigResource[] }>;
  incrementalAlterConfigs(
    resources: { type: number; name: string; ops: { name: string; op: number; value: string | null }[] }[],
    validateOnly: boolean,
    timeoutMs: number,
  ): Promise<RawResult & { resources?: RawConfigResource[] }>;
  createAcls(bindings: RawAclBinding[], timeoutMs: number): Promise<RawResult & { results?: { error: RawAdminError | null }[] }>;
  describeAcls(filter: RawAclBinding, timeoutMs: number): Promise<RawResult & { bindings?: RawAclBinding[] }>;
  deleteAcls(filters: RawAclBinding[], timeoutMs: number): Promise<RawResult & { responses?: { error: RawAdminError | null; bindings: RawAclBinding[] }[] }>;
  describeCluster(
    includeAuthorizedOperations: boolean,
    timeoutMs: number,
  ): Promise<RawResult & { clusterId?: string | null; controller?: RawNode | null; nodes?: RawNode[]; authorizedOperations?: number[] | null }>;
  describeTopics(
    topics: string[],
    includeAuthorizedOperations: boolean,
    timeoutMs: number,
  ): Promise<
    RawResult & {
      topics?: { topic: string; error: RawAdminError | null; internal: boolean; partitions: { partition: number; leader: number; replicas: number[]; isr: number[] }[]; authorizedOperations: number[] | null }[];
    }
  >;
  /** `offset`: -2 earliest, -1 latest, -3 max timestamp, else a timestamp (ms). */
  listOffsets(
    requests: { topic: string; partition: number; offset: number }[],
    isolationLevel: 0 | 1,
    timeoutMs: number,
  ): Promise<RawResult & { results?: { topic: string; partition: number; offset: number; timestamp: number; error: RawAdminError | null }[] }>;
  listGroupOffsets(groupId: string, partitions: { topic: string; partition: number }[] | null, requireStable: boolean, timeoutMs: number): Promise<RawResult & { groups?: RawGroupOffsets[] }>;
  alterGroupOffsets(groupId: string, offsets: { topic: string; partition: number; offset: number }[], timeoutMs: number): Promise<RawResult & { groups?: RawGroupOffsets[] }>;
  /** Destroys the handle once the requests in flight settled. Idempotent. */
  close(): Promise<void>;
  setOAuthToken(token: string, lifetimeMs: number, principal: string, extensions: string[]): void;
  setOAuthTokenFailure(reason: string): void;
  /** Requests issued and not settled yet. */
  inFlight(): number;
}

/** The native Admin class. */
export interface NativeAdminClass {
  new (
    config: Record<string, string>,
    onEvent: <T extends keyof NativeAdminEvents>(type: T, payload: NativeAdminEvents[T]) => void,
    events: { oauth: boolean },
  ): NativeAdmin;
}

/** The native Admin class of the addon. */
export function nativeAdminClass(): NativeAdminClass {
  return (native() as unknown as { Admin: NativeAdminClass }).Admin;
}
