// Per-environment state of the addon (set with Napi::Env::SetInstanceData).
#pragma once

#include <napi.h>

#include <unordered_set>

namespace sk {

class Admin;
class Consumer;
class MockCluster;
class Producer;

/**
 * State that belongs to one Node.js environment (main thread or worker).
 * Everything here is touched on that environment's JS thread only.
 */
struct AddonState {
  Napi::FunctionReference mockClusterCtor;
  /** Clusters still alive: destroyed when the environment tears down, so a
   *  process that exits with a running cluster stops its threads first. */
  std::unordered_set<MockCluster*> liveClusters;
  /** Producers not yet closed: their handles are destroyed at teardown. */
  std::unordered_set<Producer*> liveProducers;
  /** Consumers not yet closed: their workers are stopped and handles destroyed at teardown. */
  std::unordered_set<Consumer*> liveConsumers;
  /** Admin clients not yet closed (each also has its own env cleanup hook). */
  std::unordered_set<Admin*> liveAdmins;
  /** Producer wake-up handles whose uv_close callback has not run yet. Teardown
   *  (an async cleanup hook) waits for them: the callback lives in this addon,
   *  which a worker thread unloads once its environment is gone. */
  int pendingHandleCloses = 0;
  bool producerCleanupHookAdded = false;
  napi_async_cleanup_hook_handle producerCleanupHook = nullptr;
};

AddonState* GetState(Napi::Env env);

}  // namespace sk
