// Small Admin-API helper for scripts/kafka (compiled on first use into .cache/kafka/classes).
//
//   java -cp .cache/kafka/classes:.cache/kafka/lib/* ClusterTool BOOTSTRAP TIMEOUT_S STEP...
//
// Steps run in order, sharing one Admin client and one deadline:
//   brokers=N        wait until metadata lists exactly N brokers
//   acl=USER:PREFIX  allow User:USER to produce/consume topics and use groups named PREFIX*
//   offsets          make the broker create __consumer_offsets now (FindCoordinator)
//   isr              wait until every partition's ISR is its full replica set
//   describe         print brokers and topics
// Exit 0 when all steps succeed, 1 with a message on stderr otherwise.

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

public final class ClusterTool {
  private static long deadline;

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ClusterTool BOOTSTRAP TIMEOUT_S STEP...");
      System.exit(2);
    }
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "200");
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "scripts-kafka-cluster-tool");
    int rc = 0;
    try (Admin admin = Admin.create(p)) {
      for (int i = 2; i < args.length; i++) {
        String step = args[i];
        if (step.startsWith("brokers=")) waitBrokers(admin, Integer.parseInt(step.substring(8)));
        else if (step.startsWith("acl=")) {
          String[] ua = step.substring(4).split(":", 2);
          createAcls(admin, ua[0], ua[1]);
        } else if (step.equals("offsets")) warmOffsets(admin);
        else if (step.equals("isr")) waitIsr(admin);
        else if (step.equals("describe")) describe(admin);
        else throw new IllegalArgumentException("unknown step " + step);
      }
    } catch (Exception e) {
      System.err.println("ClusterTool: " + e);
      rc = 1;
    }
    System.exit(rc);
  }

  private static void checkDeadline(String what) {
    if (System.nanoTime() > deadline) throw new IllegalStateException("timed out: " + what);
  }

  private static void sleep() throws InterruptedException {
    Thread.sleep(300);
  }

  private static void waitBrokers(Admin admin, int want) throws Exception {
    String last = "no answer";
    while (true) {
      checkDeadline("waiting for " + want + " brokers, last: " + last);
      try {
        Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        last = nodes.size() + " brokers " + ids(nodes);
        if (nodes.size() == want) {
          System.out.println("metadata: " + last);
          return;
        }
      } catch (Exception e) {
        last = String.valueOf(e.getCause() != null ? e.getCause() : e);
      }
      sleep();
    }
  }

  private static List<Integer> ids(Collection<Node> nodes) {
    List<Integer> out = new ArrayList<>();
    for (Node n : nodes) out.add(n.id());
    out.sort(null);
    return out;
  }

  private static void createAcls(Admin admin, String user, String prefix) throws Exception {
    String principal = "User:" + user;
    List<AclBinding> acls = new ArrayList<>();
    for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE,
        AclOperation.CREATE, AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS)) {
      acls.add(allow(ResourceType.TOPIC, prefix, principal, op));
    }
    for (AclOperation op : List.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE)) {
      acls.add(allow(ResourceType.GROUP, prefix, principal, op));
    }
    while (true) {
      checkDeadline("creating ACLs for " + principal);
      try {
        admin.createAcls(acls).all().get(10, TimeUnit.SECONDS);
        System.out.println("acls: " + principal + " may use topics and groups prefixed '" + prefix + "'");
        return;
      } catch (Exception e) {
        System.err.println("createAcls retry: " + (e.getCause() != null ? e.getCause() : e));
      }
      sleep();
    }
  }

  private static AclBinding allow(ResourceType type, String prefix, String principal, AclOperation op) {
    return new AclBinding(new ResourcePattern(type, prefix, PatternType.PREFIXED),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }

  private static void warmOffsets(Admin admin) throws Exception {
    // Fetching a group's offsets makes the coordinator lookup create __consumer_offsets.
    while (true) {
      checkDeadline("creating __consumer_offsets");
      try {
        admin.listConsumerGroupOffsets("scripts-kafka-warmup").partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
        System.out.println("offsets topic: ready");
        return;
      } catch (Exception e) {
        // COORDINATOR_NOT_AVAILABLE while the topic is being created: retry.
      }
      sleep();
    }
  }

  private static void waitIsr(Admin admin) throws Exception {
    String last = "no answer";
    while (true) {
      checkDeadline("waiting for full ISR, last: " + last);
      try {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
            .get(5, TimeUnit.SECONDS);
        Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
            .get(10, TimeUnit.SECONDS);
        int partitions = 0;
        List<String> lagging = new ArrayList<>();
        for (TopicDescription t : topics.values()) {
          for (TopicPartitionInfo tp : t.partitions()) {
            partitions++;
            if (tp.isr().size() != tp.replicas().size() || tp.leader() == null) {
              lagging.add(t.name() + "-" + tp.partition());
            }
          }
        }
        if (lagging.isEmpty()) {
          System.out.println("isr: all " + partitions + " partitions fully in sync");
          return;
        }
        last = lagging.size() + " partitions under-replicated, e.g. " + lagging.get(0);
      } catch (Exception e) {
        last = String.valueOf(e.getCause() != null ? e.getCause() : e);
      }
      sleep();
    }
  }

  private static void describe(Admin admin) throws Exception {
    Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
    String controller = String.valueOf(admin.describeCluster().controller().get(10, TimeUnit.SECONDS).id());
    System.out.println("brokers: " + ids(nodes) + " (active controller: " + controller + ")");
    Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
        .get(10, TimeUnit.SECONDS);
    Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
    List<String> sorted = new ArrayList<>(topics.keySet());
    sorted.sort(null);
    for (String name : sorted) {
      TopicDescription t = topics.get(name);
      int under = 0;
      for (TopicPartitionInfo tp : t.partitions()) if (tp.isr().size() != tp.replicas().size()) under++;
      System.out.println("topic " + name + ": " + t.partitions().size() + " partitions"
          + (under > 0 ? ", " + under + " under-replicated" : ""));
    }
  }
}
