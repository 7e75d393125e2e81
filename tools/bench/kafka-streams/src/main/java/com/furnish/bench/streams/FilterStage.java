package com.furnish.bench.streams;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The consent filter: consent events fill a global in-memory store (borrower id → that borrower's
 * consent facts in the order received); each loan event is judged per bureau against its
 * borrower's facts at its occurredAt, and released as one consented-loan-event per bureau whose
 * consent covered it, keyed by account id. No audit, no dead letters, no idempotency table.
 */
final class FilterStage {
  static final String CONSENT_STORE = "consents";

  private FilterStage() {}

  static void build(StreamsBuilder builder, Topics topics, AvroSerde serde, LocalSchemas schemas) {
    // A global store, not a GlobalKTable: a table keeps only the latest event per key, the rule needs
    // every event of the borrower. Since Kafka 3.8 (KAFKA-7663) restoration runs the updater too.
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CONSENT_STORE), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
        topics.consentEvents,
        Consumed.with(Serdes.String(), serde),
        ConsentStoreUpdater::new);
    Schema consented = schemas.latest("consented-loan-event");
    builder.stream(topics.loanEvents, Consumed.with(Serdes.String(), serde))
        .process(() -> new Judge(consented))
        .to(topics.consentedLoanEvents, Produced.with(Serdes.String(), serde));
  }

  /** Appends each consent event to its borrower's facts. */
  static final class ConsentStoreUpdater implements Processor<String, GenericRecord, Void, Void> {
    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(CONSENT_STORE);
    }

    @Override
    public void process(Record<String, GenericRecord> record) {
      GenericRecord event = record.value();
      if (event == null) return;
      int bureaus = 0;
      for (Object code : (List<?>) event.get("bureaus")) bureaus |= 1 << Bureau.ofCode(code.toString()).ordinal();
      Object expiresAt = event.get("expiresAt");
      ConsentFact fact = new ConsentFact(
          event.get("consentId").toString(),
          (Integer) event.get("version"),
          ConsentFact.Action.valueOf(event.get("action").toString()),
          bureaus,
          (Long) event.get("effectiveAt"),
          expiresAt == null ? Long.MAX_VALUE : (Long) expiresAt);
      String borrowerId = event.get("borrowerId").toString();
      store.put(borrowerId, ConsentFact.append(store.get(borrowerId), fact));
    }
  }

  /** One consented-loan-event per bureau the loan event is released to. */
  static final class Judge extends StageProcessor {
    private final Schema consented;
    private final Schema bureauCode;
    private final Schema consentRef;
    private final GenericData.EnumSymbol[] codes = new GenericData.EnumSymbol[Bureau.values().length];
    private KeyValueStore<String, byte[]> store;

    Judge(Schema consented) {
      this.consented = consented;
      this.bureauCode = consented.getField("bureau").schema();
      this.consentRef = consented.getField("consent").schema();
      for (Bureau b : Bureau.values()) codes[b.ordinal()] = new GenericData.EnumSymbol(bureauCode, b.name());
    }

    @Override
    public void init(ProcessorContext<String, GenericRecord> context) {
      super.init(context);
      this.store = context.getStateStore(CONSENT_STORE);
    }

    @Override
    protected void processValue(Record<String, GenericRecord> record) {
      GenericRecord loan = record.value();
      String borrowerId = ((GenericRecord) loan.get("borrower")).get("borrowerId").toString();
      byte[] stored = store.get(borrowerId);
      if (stored == null) return; // NO_CONSENT for every bureau
      List<ConsentFact> facts = ConsentFact.decode(stored);
      long occurredAt = (Long) loan.get("occurredAt");
      String accountId = ((GenericRecord) loan.get("account")).get("accountId").toString();
      long decidedAt = System.currentTimeMillis();
      List<GenericRecord> released = new ArrayList<>(2);
      for (Bureau bureau : Bureau.values()) {
        ConsentFact consent = ConsentRule.authorising(facts, bureau, occurredAt);
        if (consent == null) continue;
        GenericData.Record ref = new GenericData.Record(consentRef);
        ref.put("consentId", consent.consentId());
        ref.put("version", consent.version());
        GenericData.Record out = new GenericData.Record(consented);
        out.put("bureau", codes[bureau.ordinal()]);
        out.put("consent", ref);
        out.put("decidedAt", decidedAt);
        out.put("loanEvent", loan);
        released.add(out);
      }
      for (GenericRecord out : released) context.forward(new Record<>(accountId, out, record.timestamp(), record.headers()));
    }
  }
}
