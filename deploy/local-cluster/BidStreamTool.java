import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bid stream of the local-cluster end-to-end run (e2e.sh). Runs from source, on the Kafka
 * broker's classpath: {@code java -cp "$(kafka-broker.sh classpath)" BidStreamTool.java CMD ...}
 *
 * <pre>
 * generate OUT_DIR FEEDERS FRAMES BIDS_PER_WINDOW SEED
 *     OUT_DIR/stream.jsonl      every record in submission order: valid bids, a few bad records
 *                               and duplicates (what is produced to the bids topic)
 *     OUT_DIR/stream.tsv        the same, each line prefixed with its frame index and a TAB
 *     OUT_DIR/valid.jsonl       the bids a correct job accepts (first of each id): input of `clear`
 *     OUT_DIR/rejections.tsv    bidId TAB reason for every record the job must reject
 *     OUT_DIR/trailer.jsonl     one valid bid far in the future: advances event time so the last
 *                               frames close (produced to every partition, never cleared)
 *     OUT_DIR/frames.txt        the frame starts, one per line
 * produce BOOTSTRAP TOPIC STREAM_TSV FROM_FRAME TO_FRAME   records of frames [FROM, TO) (frame
 *     index) to partition 0, in file order, every send checked
 * produce-all-partitions BOOTSTRAP TOPIC FILE        every line to every partition of TOPIC, its
 *     bidId suffixed with -p&lt;partition&gt; (one id twice would be a DUPLICATE)
 * read BOOTSTRAP OUT_DIR TIMEOUT_S TOPIC[=MIN_COUNT]...
 *     reads the topics from the beginning with isolation.level=read_committed until each holds at
 *     least MIN_COUNT records and every partition is read to its last stable offset; writes
 *     OUT_DIR/TOPIC.jsonl (one record per line, as received)
 * </pre>
 *
 * All bids of one run go to one partition so their order is the generated order whatever the
 * job's parallelism: the job's watermarks follow submittedAt in arrival order, and a deterministic
 * order makes the stream's result comparable with an offline {@code clear} of the same bids.
 */
public final class BidStreamTool {
  private static final long FRAME_MS = Duration.ofMinutes(15).toMillis();
  private static final long GATE_LEAD_MS = Duration.ofMinutes(5).toMillis();
  // In the past: Kafka refuses record timestamps more than an hour ahead of its clock, and the job
  // writes its outputs with event-time timestamps.
  private static final Instant FIRST_FRAME = Instant.parse("2026-01-05T10:00:00Z");
  private static final int BUSES = 33; // the sample feeders are copies of the IEEE 33-bus feeder

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "generate" -> generate(Path.of(args[1]), List.of(args[2].split(",")),
          Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]));
      case "produce" -> produce(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]),
          Integer.parseInt(args[5]));
      case "produce-all-partitions" -> produceToAllPartitions(args[1], args[2], Path.of(args[3]));
      case "read" -> read(args[1], Path.of(args[2]), Integer.parseInt(args[3]),
          List.of(args).subList(4, args.length));
      default -> {
        System.err.println("usage: see the class comment of BidStreamTool.java");
        System.exit(2);
      }
    }
  }

  // ---------------------------------------------------------------- generate

  /** A generated record: its frame index (for paced producing) and its JSON line. */
  private record Line(int frame, String json) {}

  private static void generate(Path out, List<String> feeders, int frames, int perWindow, long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    List<Line> stream = new ArrayList<>();
    List<String> valid = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      long frameStart = FIRST_FRAME.toEpochMilli() + f * FRAME_MS;
      // submitted between the previous frame's gate closure + 1 min and this gate closure - 3 min
      long firstSubmit = frameStart - GATE_LEAD_MS - FRAME_MS + 60_000;
      long spanMs = FRAME_MS - 4 * 60_000;
      for (int i = 0; i < perWindow; i++) {
        for (String feeder : feeders) {
          long submitted = firstSubmit + spanMs * (i * feeders.size() + feeders.indexOf(feeder))
              / ((long) perWindow * feeders.size());
          String id = "e2e-" + feeder + "-" + f + "-" + i;
          String bid = bid(random, id, "p-" + feeder + "-" + i, feeder, frameStart, submitted);
          stream.add(new Line(f, bid));
          valid.add(bid);
          if (i == 3) { // a resubmission with the same id: the first one wins
            stream.add(new Line(f, bid.replace("\"quantityKwh\":", "\"quantityKwh\":1")));
            rejections.add(id + "\tDUPLICATE");
          }
        }
        if (i == perWindow / 2) {
          addBadRecords(stream, rejections, f, feeders.get(0), frameStart, firstSubmit + spanMs / 2);
        }
      }
    }
    long lastFrame = FIRST_FRAME.toEpochMilli() + (frames - 1) * FRAME_MS;
    // one hour past the last gate closure; its own frame is two hours later and never closes
    String trailer = bid(new SplittableRandom(seed + 1), "e2e-trailer", "p-trailer", feeders.get(0),
        lastFrame + 8 * FRAME_MS, lastFrame - GATE_LEAD_MS + Duration.ofHours(1).toMillis());
    Files.createDirectories(out);
    Files.write(out.resolve("stream.tsv"), stream.stream().map(l -> l.frame + "\t" + l.json).toList());
    Files.write(out.resolve("stream.jsonl"), stream.stream().map(Line::json).toList());
    Files.write(out.resolve("valid.jsonl"), valid);
    Files.write(out.resolve("rejections.tsv"), rejections);
    Files.write(out.resolve("trailer.jsonl"), List.of(trailer));
    List<String> starts = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      starts.add(Instant.ofEpochMilli(FIRST_FRAME.toEpochMilli() + f * FRAME_MS).toString());
    }
    Files.write(out.resolve("frames.txt"), starts);
    System.out.printf(Locale.ROOT, "generated %d records (%d valid bids, %d to reject) in %d windows%n",
        stream.size(), valid.size(), rejections.size(), frames * feeders.size());
  }

  private static void addBadRecords(List<Line> stream, List<String> rejections, int f, String feeder,
      long frameStart, long submitted) {
    SplittableRandom r = new SplittableRandom(f);
    String unknownBus = bid(r, "e2e-bad-bus-" + f, "p-bad", feeder, frameStart, submitted)
        .replaceFirst("\"bus\":\\d+", "\"bus\":" + (BUSES + 60));
    String badPrice = bid(r, "e2e-bad-price-" + f, "p-bad", feeder, frameStart, submitted)
        .replaceFirst("\"limitPrice\":[0-9.]+", "\"limitPrice\":-0.5");
    String unknownFeeder = bid(r, "e2e-bad-feeder-" + f, "p-bad", "no-such-feeder", frameStart, submitted);
    stream.add(new Line(f, unknownBus));
    stream.add(new Line(f, badPrice));
    stream.add(new Line(f, unknownFeeder));
    stream.add(new Line(f, "{\"bidId\":\"e2e-malformed-" + f + "\",\"side\":\"BUY\"}"));
    rejections.add("e2e-bad-bus-" + f + "\tUNKNOWN_BUS");
    rejections.add("e2e-bad-price-" + f + "\tINVALID_PRICE");
    rejections.add("e2e-bad-feeder-" + f + "\tUNKNOWN_FEEDER");
    rejections.add("e2e-malformed-" + f + "\tMALFORMED");
  }

  /** Buyers' limits overlap sellers' asks so most windows trade; buses spread over the feeder. */
  private static String bid(SplittableRandom r, String id, String participant, String feeder,
      long frameStart, long submitted) {
    boolean buy = r.nextBoolean();
    int bus = 2 + r.nextInt(BUSES - 1);
    double quantityKwh = (10 + r.nextInt(200)) / 10.0;
    double price = (buy ? 12 + r.nextInt(24) : 5 + r.nextInt(22)) / 100.0; // cents: exact decimals
    String buyerClass = !buy ? "STANDARD" : switch (r.nextInt(10)) {
      case 0 -> "ULTRA_HIGH";
      case 1, 2 -> "HIGH";
      default -> "STANDARD";
    };
    return String.format(Locale.ROOT,
        "{\"bidId\":\"%s\",\"participantId\":\"%s\",\"feederId\":\"%s\",\"bus\":%d,\"side\":\"%s\","
            + "\"quantityKwh\":%s,\"limitPrice\":%s,\"frameStart\":\"%s\",\"submittedAt\":\"%s\","
            + "\"buyerClass\":\"%s\"}",
        id, participant, feeder, bus, buy ? "BUY" : "SELL", quantityKwh, price,
        Instant.ofEpochMilli(frameStart), Instant.ofEpochMilli(submitted), buyerClass);
  }

  // ---------------------------------------------------------------- produce

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static void produce(String bootstrap, String topic, Path file, int fromFrame, int toFrame)
      throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        int frame = Integer.parseInt(line.substring(0, tab));
        if (frame >= fromFrame && frame < toFrame) {
          sent.add(producer.send(new ProducerRecord<>(topic, 0, null, line.substring(tab + 1))));
        }
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get(); // a failed send fails the run
      }
    }
    System.out.printf("produced %d records of frames [%d, %d) to %s%n", sent.size(), fromFrame, toFrame, topic);
  }

  private static void produceToAllPartitions(String bootstrap, String topic, Path file) throws Exception {
    int n = 0;
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      int partitions = producer.partitionsFor(topic).size();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        for (int p = 0; p < partitions; p++) {
          String unique = line.replaceFirst("\"bidId\":\"([^\"]*)\"", "\"bidId\":\"$1-p" + p + "\"");
          producer.send(new ProducerRecord<>(topic, p, null, unique)).get();
          n++;
        }
      }
    }
    System.out.printf("produced %d records to every partition of %s%n", n, topic);
  }

  // ---------------------------------------------------------------- read

  private static void read(String bootstrap, Path out, int timeoutS, List<String> specs) throws Exception {
    Map<String, Integer> minCount = new LinkedHashMap<>();
    for (String spec : specs) {
      String[] kv = spec.split("=", 2);
      minCount.put(kv[0], kv.length == 2 ? Integer.parseInt(kv[1]) : 0);
    }
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    Map<String, List<String>> records = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutS).toNanos();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : minCount.keySet()) {
        records.put(topic, new ArrayList<>());
        consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
          records.get(rec.topic()).add(rec.value());
        }
        if (enough(records, minCount) && atEnd(consumer, partitions)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          System.err.println("read: timed out after " + timeoutS + " s; committed records so far: "
              + counts(records));
          System.exit(1);
        }
      }
    }
    Files.createDirectories(out);
    for (Map.Entry<String, List<String>> e : records.entrySet()) {
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(e.getKey() + ".jsonl")))) {
        e.getValue().forEach(w::println);
      }
    }
    System.out.println("read (read_committed): " + counts(records));
  }

  private static boolean enough(Map<String, List<String>> records, Map<String, Integer> minCount) {
    return minCount.entrySet().stream().allMatch(e -> records.get(e.getKey()).size() >= e.getValue());
  }

  private static boolean atEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
    // with read_committed, endOffsets are the last stable offsets
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
  }

  private static String counts(Map<String, List<String>> records) {
    StringBuilder s = new StringBuilder();
    records.keySet().stream().sorted().forEach(t -> s.append(t).append('=').append(records.get(t).size()).append(' '));
    return s.toString().trim();
  }
}
