package com.furnish.bench.streams;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** A stage's processor: Avro values in and out by key; tombstones (null values) are skipped. */
abstract class StageProcessor implements Processor<String, GenericRecord, String, GenericRecord> {
  protected ProcessorContext<String, GenericRecord> context;

  @Override
  public void init(ProcessorContext<String, GenericRecord> context) {
    this.context = context;
  }

  @Override
  public final void process(Record<String, GenericRecord> record) {
    if (record.value() != null) processValue(record);
  }

  protected abstract void processValue(Record<String, GenericRecord> record);
}
