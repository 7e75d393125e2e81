package com.furnish.bench.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro GenericRecord values in Confluent's wire format (magic byte 0, 4-byte big-endian schema id,
 * Avro binary), as Furnish writes them. Reading: the writer schema is fetched by the message's id
 * (cached) and resolved against the topic's latest local schema. Writing: the topic's latest local
 * schema, under the id the registry has for it in `<topic>-value`.
 */
final class AvroSerde implements Serde<GenericRecord> {
  private static final byte MAGIC = 0;
  private final Registry registry;
  private final LocalSchemas schemas;
  /** (topic, writer id) → reader. */
  private final Map<String, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();
  private final Map<String, GenericDatumWriter<GenericRecord>> writers = new ConcurrentHashMap<>();

  AvroSerde(Registry registry, LocalSchemas schemas) {
    this.registry = registry;
    this.schemas = schemas;
  }

  @Override
  public Serializer<GenericRecord> serializer() {
    return new Serializer<>() {
      private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

      @Override
      public byte[] serialize(String topic, GenericRecord value) {
        if (value == null) return null;
        Schema schema = schemas.forTopic(topic);
        int id = registry.idOf(topic + "-value", schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.write(MAGIC);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
          BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
          encoders.set(encoder);
          writers.computeIfAbsent(topic, t -> new GenericDatumWriter<>(schema)).write(value, encoder);
          encoder.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return out.toByteArray();
      }
    };
  }

  @Override
  public Deserializer<GenericRecord> deserializer() {
    return new Deserializer<>() {
      private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

      @Override
      public GenericRecord deserialize(String topic, byte[] data) {
        if (data == null) return null;
        if (data.length < 5 || data[0] != MAGIC) throw new IllegalArgumentException("not in the Confluent wire format");
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        GenericDatumReader<GenericRecord> reader = readers.computeIfAbsent(topic + "#" + id, k -> new GenericDatumReader<>(registry.schemaById(id), schemas.forTopic(topic)));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, decoders.get());
        decoders.set(decoder);
        try {
          return reader.read(null, decoder);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
