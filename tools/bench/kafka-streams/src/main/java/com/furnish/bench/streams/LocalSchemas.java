package com.furnish.bench.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** The latest version of each schema in the repository's schemas/ directory (`<name>.v<N>.avsc`). */
final class LocalSchemas {
  private static final Pattern FILE = Pattern.compile("^(.+)\\.v(\\d+)\\.avsc$");
  private final Map<String, Schema> latest = new HashMap<>();

  LocalSchemas(Path dir) {
    Map<String, Integer> versions = new HashMap<>();
    Map<String, Path> files = new HashMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.forEach(file -> {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) return;
        int version = Integer.parseInt(m.group(2));
        if (version > versions.getOrDefault(m.group(1), 0)) {
          versions.put(m.group(1), version);
          files.put(m.group(1), file);
        }
      });
      for (Map.Entry<String, Path> e : files.entrySet()) latest.put(e.getKey(), new Schema.Parser().parse(Files.readString(e.getValue())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Schema latest(String name) {
    Schema schema = latest.get(name);
    if (schema == null) throw new IllegalArgumentException("no schema " + name + " in the schemas directory");
    return schema;
  }

  /** The value schema of a pipeline topic (TopicNameStrategy subjects; the prefix is ignored). */
  Schema forTopic(String topic) {
    if (topic.endsWith("lending.loan-events.v1")) return latest("loan-event");
    if (topic.endsWith("lending.consent-events.v1")) return latest("consent-event");
    if (topic.endsWith("furnish.consented-loan-events.v1")) return latest("consented-loan-event");
    int minimised = topic.indexOf("furnish.minimised.");
    if (minimised >= 0) return latest("minimised-" + topic.substring(minimised + "furnish.minimised.".length(), topic.length() - ".v1".length()) + "-record");
    if (topic.contains("furnish.outbound.")) return latest("outbound-record");
    throw new IllegalArgumentException("topic " + topic + " has no Avro value schema");
  }
}
