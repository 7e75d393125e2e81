package com.furnish.bench.streams;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.StoreQueryParameters;

/**
 * One stage of the Kafka Streams comparison pipeline per JVM: `filter`, `minimiser`, `formatter`,
 * or `passthrough` (loan events copied byte for byte to a topic of its own). Environment:
 * KAFKA_BROKERS, SCHEMA_REGISTRY_URL, FURNISH_TOPIC_PREFIX, FURNISH_SCHEMAS_DIR, STREAMS_APPLICATION_ID
 * (default `<prefix>furnish.streams.<stage>`), STREAMS_THREADS (default 1), STREAMS_COMMIT_INTERVAL_MS
 * (default 100, Kafka Streams' own default under exactly-once), STREAMS_STATE_DIR.
 * Prints `STATE <new state>` on each state change, the bench waits for `STATE RUNNING`.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java -jar furnish-kafka-streams.jar filter|minimiser|formatter|passthrough");
      System.exit(2);
    }
    String stage = args[0];
    String prefix = env("FURNISH_TOPIC_PREFIX", "");
    Topics topics = new Topics(prefix);
    StreamsBuilder builder = new StreamsBuilder();
    if (stage.equals("passthrough")) {
      builder.stream(topics.loanEvents, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).to(topics.passthrough, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    } else {
      LocalSchemas schemas = new LocalSchemas(Path.of(env("FURNISH_SCHEMAS_DIR", "schemas")));
      AvroSerde serde = new AvroSerde(new Registry(env("SCHEMA_REGISTRY_URL", "http://localhost:8081/apis/ccompat/v7")), schemas);
      switch (stage) {
        case "filter" -> FilterStage.build(builder, topics, serde, schemas);
        case "minimiser" -> MinimiserStage.build(builder, topics, serde, schemas);
        case "formatter" -> FormatterStage.build(builder, topics, serde, schemas);
        default -> {
          System.err.println("unknown stage " + stage);
          System.exit(2);
        }
      }
    }

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, env("STREAMS_APPLICATION_ID", prefix + "furnish.streams." + stage));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, env("KAFKA_BROKERS", "localhost:9092"));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.parseInt(env("STREAMS_COMMIT_INTERVAL_MS", "100")));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(env("STREAMS_THREADS", "1")));
    props.put(StreamsConfig.STATE_DIR_CONFIG, env("STREAMS_STATE_DIR", Files.createTempDirectory("furnish-streams-").toString()));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    CountDownLatch closed = new CountDownLatch(1);
    streams.setStateListener((next, previous) -> {
      if (next == KafkaStreams.State.RUNNING && stage.equals("filter")) {
        System.out.println("CONSENTS " + consentsHeld(streams));
      }
      System.out.println("STATE " + next);
      System.out.flush();
      if (next == KafkaStreams.State.NOT_RUNNING || next == KafkaStreams.State.ERROR) closed.countDown();
    });
    streams.setUncaughtExceptionHandler(e -> {
      e.printStackTrace();
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    // Leave the group on close, so the bench can delete it at once (Kafka Streams stays a member until
    // its session times out otherwise).
    CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(leave);
      closed.countDown();
    }));
    streams.start();
    closed.await();
    streams.close(leave);
  }

  /** Borrowers in the global consent store once running (it was restored through the updater). */
  private static long consentsHeld(KafkaStreams streams) {
    try {
      ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(FilterStage.CONSENT_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
      return store.approximateNumEntries();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
