package energy.p2p.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * bench-live's observer: a read_committed consumer of the reports and allocations topics (from their
 * end at start) noting, per (feeder, frame) of the measured frames, when its report and its last
 * allocation became visible; latency = the later of the two − gate closure.
 */
final class LiveLatency implements AutoCloseable {
  private final KafkaConsumer<String, String> consumer;
  private final String reportsTopic;
  private final Set<Long> frames;
  private final Set<Long> warmupFrames;
  private final long leadMs;
  private final Map<String, Long> reportSeen = new ConcurrentHashMap<>();
  private final Map<String, Long> lastAllocationSeen = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  private LiveLatency(KafkaConsumer<String, String> consumer, String reportsTopic, List<Long> frames,
      int warmupFrames, long leadMs) {
    this.consumer = consumer;
    this.reportsTopic = reportsTopic;
    this.frames = Set.copyOf(frames);
    this.warmupFrames = Set.copyOf(frames.subList(0, warmupFrames));
    this.leadMs = leadMs;
    this.poller = new Thread(this::poll, "bench-live-consumer");
  }

  /** Watches {@code frames} (ascending); the first {@code warmupFrames} are shown but not in the percentiles. */
  static LiveLatency start(String bootstrap, String reportsTopic, String allocationsTopic, List<Long> frames,
      int warmupFrames, long leadMs) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-live-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    List<TopicPartition> parts = new ArrayList<>();
    for (String t : List.of(reportsTopic, allocationsTopic)) {
      c.partitionsFor(t).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
    }
    c.assign(parts);
    c.seekToEnd(parts);
    parts.forEach(c::position); // resolve the end offsets now, before any bid is sent
    LiveLatency l = new LiveLatency(c, reportsTopic, frames, warmupFrames, leadMs);
    l.poller.start();
    return l;
  }

  private void poll() {
    while (running) {
      org.apache.kafka.clients.consumer.ConsumerRecords<String, String> records;
      try {
        records = consumer.poll(Duration.ofMillis(50));
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        return; // close()
      }
      for (ConsumerRecord<String, String> r : records) {
        long now = System.currentTimeMillis();
        String window = window(r.value());
        if (window == null) {
          continue;
        }
        if (r.topic().equals(reportsTopic)) {
          reportSeen.putIfAbsent(window, now);
        } else {
          lastAllocationSeen.put(window, now);
        }
      }
    }
  }

  /** "feeder@frameMs" of a report or allocation of a measured frame, else null. */
  private String window(String json) {
    int f = json.indexOf("\"feederId\":\"");
    int s = json.indexOf("\"frameStart\":\"");
    if (f < 0 || s < 0) {
      return null;
    }
    String feeder = json.substring(f + 12, json.indexOf('"', f + 12));
    long frame = Instant.parse(json.substring(s + 14, json.indexOf('"', s + 14))).toEpochMilli();
    return frames.contains(frame) ? feeder + "@" + frame : null;
  }

  /** Waits until every (feeder, frame) has reported or {@code deadlineMs}; then the figures. */
  Result awaitAll(long feeders, long deadlineMs) throws InterruptedException {
    long expected = feeders * frames.size();
    while (reportSeen.size() < expected && System.currentTimeMillis() < deadlineMs) {
      Thread.sleep(100);
    }
    Thread.sleep(2_000); // allocations committed a little after their report
    running = false;
    poller.join();
    List<Long> latencies = new ArrayList<>();
    Map<Long, List<Long>> byGate = new TreeMap<>();
    Map<String, Long> seen = new HashMap<>(reportSeen);
    seen.forEach((window, reportAt) -> {
      long frame = Long.parseLong(window.substring(window.indexOf('@') + 1));
      long visible = Math.max(reportAt, lastAllocationSeen.getOrDefault(window, reportAt));
      if (!warmupFrames.contains(frame)) {
        latencies.add(visible - (frame - leadMs));
      }
      byGate.computeIfAbsent(frame - leadMs, g -> new ArrayList<>()).add(visible - (frame - leadMs));
    });
    Collections.sort(latencies);
    byGate.values().forEach(Collections::sort);
    Set<Long> warmupGates = new HashSet<>();
    warmupFrames.forEach(f -> warmupGates.add(f - leadMs));
    return new Result(feeders * (frames.size() - warmupFrames.size()), expected - seen.size(), latencies, byGate,
        warmupGates);
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
  }

  /**
   * Latencies (ms, sorted) of the measured windows seen, out of {@code expected}; {@code missing}
   * windows of any frame (warm-up included) never reported; and per gate closure, so a slow frame
   * (the first after the job starts, one that met a slow checkpoint) shows by name.
   */
  record Result(long expected, long missing, List<Long> latenciesMs, Map<Long, List<Long>> byGateMs,
      Set<Long> warmupGatesMs) {

    long percentile(double q) {
      int rank = (int) Math.ceil(q * latenciesMs.size());
      return latenciesMs.get(Math.max(0, Math.min(latenciesMs.size() - 1, rank - 1)));
    }

    String summary() {
      if (latenciesMs.isEmpty()) {
        return "{\"windows\":0,\"expected\":" + expected + ",\"missing\":" + missing + "}";
      }
      return "{\"windows\":" + latenciesMs.size() + ",\"expected\":" + expected + ",\"missing\":" + missing
          + ",\"warmupFrames\":" + warmupGatesMs.size() + ",\"p50Ms\":" + percentile(0.50)
          + ",\"p99Ms\":" + percentile(0.99) + ",\"maxMs\":" + latenciesMs.get(latenciesMs.size() - 1)
          + ",\"minMs\":" + latenciesMs.get(0) + ",\"histogramMs\":" + histogram()
          + ",\"byGateClosure\":" + byGate() + "}";
    }

    private String byGate() {
      return byGateMs.entrySet().stream().map(e -> {
        List<Long> ms = e.getValue();
        return "{\"gateClosure\":\"" + Instant.ofEpochMilli(e.getKey()) + "\","
            + (warmupGatesMs.contains(e.getKey()) ? "\"warmup\":true," : "") + "\"windows\":" + ms.size()
            + ",\"p50Ms\":" + ms.get((ms.size() - 1) / 2) + ",\"maxMs\":" + ms.get(ms.size() - 1) + "}";
      }).collect(Collectors.joining(",", "[", "]"));
    }

    private String histogram() {
      Map<Long, Long> buckets = latenciesMs.stream().collect(Collectors.groupingBy(ms -> ms / 250 * 250,
          TreeMap::new, Collectors.counting()));
      return buckets.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
          .collect(Collectors.joining(",", "{", "}"));
    }
  }
}
