package com.furnish.bench.streams;

import static com.furnish.bench.streams.Projector.rule;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The minimiser: each consented event becomes its bureau's minimised record (the latest
 * minimised-<bureau>-record schema, a projection of LoanEvent plus the authorising consent), for
 * the event types the bureau's policy sends for the account's product (libs/minimisation/domain
 * policies: `events`), with the policies' normalisers and their required flags. Rejected events
 * are counted and dropped (Furnish dead-letters them).
 */
final class MinimiserStage {
  private MinimiserStage() {}

  /** MinimisationPolicy.events of each bureau: product type → event types sent. */
  static final Map<Bureau, Map<String, Set<String>>> SENDS = new EnumMap<>(Map.of(
      Bureau.PBOC_CRC, Map.of(
          "INSTALMENT_LOAN", Set.of("ACCOUNT_OPENED", "REPAYMENT", "STATEMENT_CLOSED", "ACCOUNT_CLOSED"),
          "REVOLVING_LINE", Set.of("ACCOUNT_OPENED", "REPAYMENT", "STATEMENT_CLOSED", "ACCOUNT_CLOSED")),
      Bureau.BAIHANG, Map.of(
          "INSTALMENT_LOAN", Set.of("ACCOUNT_OPENED", "REPAYMENT", "STATEMENT_CLOSED", "ACCOUNT_CLOSED", "CHARGED_OFF"),
          "REVOLVING_LINE", Set.of("ACCOUNT_OPENED", "CREDIT_LIMIT_CHANGED", "ACCOUNT_CLOSED", "CHARGED_OFF")),
      Bureau.METRO2, Map.of(
          "INSTALMENT_LOAN", Set.of("ACCOUNT_OPENED", "STATEMENT_CLOSED", "ACCOUNT_CLOSED", "CHARGED_OFF"),
          "REVOLVING_LINE", Set.of("ACCOUNT_OPENED", "STATEMENT_CLOSED", "ACCOUNT_CLOSED", "CHARGED_OFF"))));

  /** The normalised fields of each policy (path → normaliser, required). */
  static final Map<Bureau, Map<String, Map.Entry<Normalisers.Normaliser, Boolean>>> RULES = new EnumMap<>(Map.of(
      Bureau.PBOC_CRC, Map.of(
          "furnisher.pbocManagementOrgCode", rule(Normalisers.code("^[0-9A-Z]{14}$"), true),
          "borrower.fullName", rule(Normalisers.TRIM, true),
          "borrower.idNumber", rule(Normalisers.IDENTITY_NUMBER, true)),
      Bureau.BAIHANG, Map.of(
          "furnisher.baihangInstitutionId", rule(Normalisers.TRIM, false),
          "borrower.fullName", rule(Normalisers.TRIM, true),
          "borrower.idNumber", rule(Normalisers.PRC_RESIDENT_ID, true),
          "borrower.phone", rule(Normalisers.phone("86", "0", true), true)),
      Bureau.METRO2, Map.ofEntries(
          Map.entry("furnisher.metro2IdentificationNumber", rule(Normalisers.code("^(?!0+$)(?!9+$)[0-9A-Z]{5,20}$"), true)),
          Map.entry("borrower.familyName", rule(Normalisers.TRIM, true)),
          Map.entry("borrower.givenName", rule(Normalisers.TRIM, true)),
          Map.entry("borrower.middleName", rule(Normalisers.TRIM, false)),
          Map.entry("borrower.nameSuffix", rule(Normalisers.TRIM, false)),
          Map.entry("borrower.idNumber", rule(Normalisers.US_SSN, false)),
          Map.entry("borrower.phone", rule(Normalisers.phone("1", "1", false), false)),
          Map.entry("borrower.address.line1", rule(Normalisers.TRIM, true)),
          Map.entry("borrower.address.line2", rule(Normalisers.TRIM, false)),
          Map.entry("borrower.address.city", rule(Normalisers.TRIM, true)),
          Map.entry("borrower.address.region", rule(Normalisers.TRIM, true)),
          Map.entry("borrower.address.postalCode", rule(Normalisers.TRIM, true)),
          Map.entry("borrower.address.countryCode", rule(Normalisers.TRIM, false)))));

  static void build(StreamsBuilder builder, Topics topics, AvroSerde serde, LocalSchemas schemas) {
    Map<Bureau, Projector> root = new EnumMap<>(Bureau.class);
    Map<Bureau, Projector> consent = new EnumMap<>(Bureau.class);
    Schema consented = schemas.latest("consented-loan-event");
    Schema loanEvent = consented.getField("loanEvent").schema();
    for (Bureau b : Bureau.values()) {
      Schema minimised = schemas.forTopic(topics.minimised.get(b));
      root.put(b, new Projector(minimised, loanEvent, "", RULES.get(b), List.of("consent")));
      consent.put(b, new Projector(minimised.getField("consent").schema(), consented.getField("consent").schema(), "consent.", Map.of(), List.of()));
    }
    builder.stream(topics.consentedLoanEvents, Consumed.with(Serdes.String(), serde))
        .process(() -> new Minimise(root, consent))
        .to((key, value, context) -> topics.minimised.get(Bureau.ofMinimisedSchema(value.getSchema().getName())), Produced.with(Serdes.String(), serde));
  }

  static final class Minimise extends StageProcessor {
    private final Map<Bureau, Projector> root;
    private final Map<Bureau, Projector> consent;
    /** Events a policy rejected (Furnish dead-letters them); kept for a debugger, not reported. */
    long rejected;

    Minimise(Map<Bureau, Projector> root, Map<Bureau, Projector> consent) {
      this.root = root;
      this.consent = consent;
    }

    @Override
    protected void processValue(Record<String, GenericRecord> record) {
      GenericRecord consented = record.value();
      Bureau bureau = Bureau.ofCode(consented.get("bureau").toString());
      GenericRecord loan = (GenericRecord) consented.get("loanEvent");
      GenericRecord account = (GenericRecord) loan.get("account");
      String idType = ((GenericRecord) loan.get("borrower")).get("idType").toString();
      GenericData.Record minimised;
      try {
        // Validated first, as Furnish does, so a malformed event is rejected whether or not it is sent.
        minimised = root.get(bureau).project(loan, idType);
      } catch (Projector.Rejected e) {
        rejected++;
        return;
      }
      if (!SENDS.get(bureau).get(account.get("productType").toString()).contains(loan.get("eventType").toString())) return;
      minimised.put("consent", consent.get(bureau).project((GenericRecord) consented.get("consent"), idType));
      context.forward(record.withValue(minimised));
    }
  }
}
