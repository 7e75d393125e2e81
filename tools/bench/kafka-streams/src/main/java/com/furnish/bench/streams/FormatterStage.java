package com.furnish.bench.streams;

import static com.furnish.bench.streams.FixedWidthLayout.Kind.ALPHA;
import static com.furnish.bench.streams.FixedWidthLayout.Kind.DATE;
import static com.furnish.bench.streams.FixedWidthLayout.Kind.INSTANT;
import static com.furnish.bench.streams.FixedWidthLayout.Kind.MONEY;
import static com.furnish.bench.streams.FixedWidthLayout.Kind.NUMBER;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

/**
 * The bureau formatter: each minimised record yields the outbound record(s) its bureau's format
 * makes of it (which events yield a record follows libs/bureau: PBOC CRC reportTimeOf, Baihang
 * BAIHANG_RECORDS, Metro 2 METRO2_REPORTED_EVENTS), with a fixed-width payload of the bureau's
 * record length (Metro 2's Base segment is 426 characters; PBOC's 210 XML line and Baihang's JSON
 * records measured about 1,300 and 400-485 characters in Furnish on the bench data). No release-time
 * re-check, no furnished-record table, no invalidation handling.
 */
final class FormatterStage {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final int PBOC_LENGTH = 1300;
  static final int BAIHANG_LENGTH = 480;
  static final int METRO2_LENGTH = 426;

  private FormatterStage() {}

  static void build(StreamsBuilder builder, Topics topics, AvroSerde serde, LocalSchemas schemas) {
    Map<Bureau, FixedWidthLayout> layouts = new EnumMap<>(Bureau.class);
    layouts.put(Bureau.PBOC_CRC, pbocLayout(schemas.forTopic(topics.minimised.get(Bureau.PBOC_CRC))));
    layouts.put(Bureau.BAIHANG, baihangLayout(schemas.forTopic(topics.minimised.get(Bureau.BAIHANG))));
    layouts.put(Bureau.METRO2, metro2Layout(schemas.forTopic(topics.minimised.get(Bureau.METRO2))));
    Schema outbound = schemas.latest("outbound-record");
    List<String> inputs = List.of(topics.minimised.get(Bureau.PBOC_CRC), topics.minimised.get(Bureau.BAIHANG), topics.minimised.get(Bureau.METRO2));
    builder.stream(inputs, Consumed.with(Serdes.String(), serde))
        .process(() -> new Format(layouts, outbound))
        .to((key, value, context) -> topics.outbound.get(Bureau.ofCode(value.get("bureau").toString())), Produced.with(Serdes.String(), serde));
  }

  static final class Format implements Processor<String, GenericRecord, String, GenericRecord> {
    private final Map<Bureau, FixedWidthLayout> layouts;
    private final Schema outbound;
    private final Map<Bureau, GenericData.EnumSymbol> codes = new EnumMap<>(Bureau.class);
    private final MessageDigest sha256;
    private ProcessorContext<String, GenericRecord> context;

    Format(Map<Bureau, FixedWidthLayout> layouts, Schema outbound) {
      this.layouts = layouts;
      this.outbound = outbound;
      for (Bureau b : Bureau.values()) codes.put(b, new GenericData.EnumSymbol(outbound.getField("bureau").schema(), b.name()));
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void init(ProcessorContext<String, GenericRecord> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, GenericRecord> record) {
      GenericRecord source = record.value();
      if (source == null) return;
      String name = source.getSchema().getName();
      Bureau bureau = name.startsWith("MinimisedPboc") ? Bureau.PBOC_CRC : name.startsWith("MinimisedBaihang") ? Bureau.BAIHANG : Bureau.METRO2;
      String eventType = source.get("eventType").toString();
      GenericRecord account = (GenericRecord) source.get("account");
      GenericRecord statement = (GenericRecord) source.get("statement");
      long occurredAt = (Long) source.get("occurredAt");
      String kind;
      Integer reportDate;
      switch (bureau) {
        case PBOC_CRC -> {
          kind = "PBOC_210";
          reportDate = switch (eventType) {
            case "ACCOUNT_OPENED" -> day(occurredAt, SHANGHAI);
            case "STATEMENT_CLOSED" -> statement != null ? (Integer) statement.get("periodEnd") : day(occurredAt, SHANGHAI);
            case "ACCOUNT_CLOSED" -> or((Integer) account.get("closedOn"), day(occurredAt, SHANGHAI));
            case "REPAYMENT" -> FixedWidthLayout.cents((ByteBuffer) account.get("amountPastDue")) > 0 ? or((Integer) account.get("lastPaymentDate"), day(occurredAt, SHANGHAI)) : null;
            default -> null;
          };
        }
        case BAIHANG -> {
          boolean instalment = "INSTALMENT_LOAN".equals(account.get("productType").toString());
          kind = instalment
              ? switch (eventType) {
                case "ACCOUNT_OPENED" -> "BAIHANG_D2";
                case "REPAYMENT", "STATEMENT_CLOSED", "ACCOUNT_CLOSED", "CHARGED_OFF" -> "BAIHANG_D3";
                default -> null;
              }
              : switch (eventType) {
                case "ACCOUNT_OPENED", "CREDIT_LIMIT_CHANGED", "ACCOUNT_CLOSED", "CHARGED_OFF" -> "BAIHANG_X2";
                default -> null;
              };
          reportDate = kind == null ? null : "STATEMENT_CLOSED".equals(eventType) && statement != null ? (Integer) statement.get("periodEnd") : day(occurredAt, SHANGHAI);
        }
        default -> {
          kind = "METRO2_BASE";
          reportDate = switch (eventType) {
            case "ACCOUNT_OPENED", "ACCOUNT_CLOSED", "CHARGED_OFF" -> day(occurredAt, ZoneOffset.UTC);
            case "STATEMENT_CLOSED" -> day(occurredAt, ZoneOffset.UTC);
            default -> null;
          };
        }
      }
      if (reportDate == null) return; // the bureau takes no record for this event
      String eventId = source.get("eventId").toString();
      GenericRecord consent = (GenericRecord) source.get("consent");
      GenericData.Record out = new GenericData.Record(outbound);
      out.put("recordId", recordId(eventId, bureau, kind));
      out.put("bureau", codes.get(bureau));
      out.put("recordKind", kind);
      out.put("reportDate", reportDate);
      out.put("sourceEventId", eventId);
      out.put("consentId", consent.get("consentId").toString());
      out.put("consentVersion", consent.get("version"));
      out.put("formatVersion", bureau == Bureau.PBOC_CRC ? "2.0.0" : bureau == Bureau.BAIHANG ? "bh-json-2019" : "metro2-char-426");
      out.put("payload", layouts.get(bureau).write(source));
      out.put("producedAt", System.currentTimeMillis());
      context.forward(record.withValue(out));
    }

    /** libs/shared/contracts outboundRecordId: 32 hex digits of SHA-256(event id, bureau, kind). */
    private String recordId(String eventId, Bureau bureau, String kind) {
      byte[] digest = sha256.digest((eventId + '\0' + bureau.topicName + '\0' + kind).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static int day(long epochMillis, ZoneId zone) {
      return (int) LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), zone).toEpochDay();
    }

    private static Integer or(Integer value, int fallback) {
      return value != null ? value : fallback;
    }
  }

  private static FixedWidthLayout pbocLayout(Schema s) {
    return new FixedWidthLayout(s, SHANGHAI, PBOC_LENGTH)
        .constant("210").field("eventType", ALPHA, 20).field("occurredAt", INSTANT, 14).field("furnisher.pbocManagementOrgCode", ALPHA, 14)
        .field("account.accountId", ALPHA, 60).field("account.productType", ALPHA, 16).field("account.currency", ALPHA, 3)
        .field("account.openedOn", DATE, 8).field("account.maturityDate", DATE, 8).field("account.creditLimit", MONEY, 15)
        .field("account.principal", MONEY, 15).field("account.instalmentCount", NUMBER, 4).field("account.repaymentMethod", ALPHA, 24)
        .field("account.repaymentFrequency", ALPHA, 16).field("account.guaranteeType", ALPHA, 10).field("account.applicationDistrictCode", ALPHA, 6)
        .field("account.balance", MONEY, 15).field("account.amountPastDue", MONEY, 15).field("account.principalPastDue", MONEY, 15)
        .field("account.daysPastDue", NUMBER, 4).field("account.periodsPastDue", NUMBER, 3).field("account.status", ALPHA, 12)
        .field("account.closedOn", DATE, 8).field("account.lastPaymentDate", DATE, 8).field("account.lastPaymentAmount", MONEY, 15)
        .field("borrower.fullName", ALPHA, 30).field("borrower.idType", ALPHA, 16).field("borrower.idNumber", ALPHA, 20)
        .field("statement.periodEnd", DATE, 8).field("statement.dueDate", DATE, 8).field("statement.minimumDue", MONEY, 15)
        .field("statement.totalDue", MONEY, 15).field("statement.amountPaidInMonth", MONEY, 15).field("statement.instalmentNumber", NUMBER, 4)
        .field("consent.consentId", ALPHA, 40).field("consent.version", NUMBER, 4);
  }

  private static FixedWidthLayout baihangLayout(Schema s) {
    return new FixedWidthLayout(s, SHANGHAI, BAIHANG_LENGTH)
        .field("eventType", ALPHA, 20).field("occurredAt", INSTANT, 14).field("furnisher.baihangInstitutionId", ALPHA, 20)
        .field("account.accountId", ALPHA, 40).field("account.productType", ALPHA, 16).field("account.currency", ALPHA, 3)
        .field("account.openedOn", DATE, 8).field("account.maturityDate", DATE, 8).field("account.creditLimit", MONEY, 15)
        .field("account.principal", MONEY, 15).field("account.instalmentCount", NUMBER, 4).field("account.instalmentAmount", MONEY, 15)
        .field("account.repaymentFrequency", ALPHA, 16).field("account.gracePeriodDays", NUMBER, 3).field("account.guaranteeType", ALPHA, 10)
        .field("account.loanPurpose", ALPHA, 20).field("account.appliedAt", INSTANT, 14).field("account.balance", MONEY, 15)
        .field("account.amountPastDue", MONEY, 15).field("account.daysPastDue", NUMBER, 4).field("account.status", ALPHA, 12)
        .field("account.closedOn", DATE, 8).field("account.lastPaymentDate", DATE, 8).field("account.lastPaymentAmount", MONEY, 15)
        .field("borrower.fullName", ALPHA, 30).field("borrower.idType", ALPHA, 16).field("borrower.idNumber", ALPHA, 18).field("borrower.phone", ALPHA, 16)
        .field("statement.periodStart", DATE, 8).field("statement.periodEnd", DATE, 8).field("statement.dueDate", DATE, 8)
        .field("statement.minimumDue", MONEY, 15).field("statement.totalDue", MONEY, 15).field("statement.amountPaidInMonth", MONEY, 15)
        .field("statement.instalmentNumber", NUMBER, 4);
  }

  private static FixedWidthLayout metro2Layout(Schema s) {
    return new FixedWidthLayout(s, ZoneOffset.UTC, METRO2_LENGTH)
        .constant("0426").constant("1").field("occurredAt", INSTANT, 14).constant("0").field("furnisher.metro2IdentificationNumber", ALPHA, 20)
        .field("account.accountId", ALPHA, 30).field("account.productType", ALPHA, 3).field("account.openedOn", DATE, 8)
        .field("account.creditLimit", MONEY, 9).field("account.highestBalance", MONEY, 9).field("account.instalmentAmount", MONEY, 9)
        .field("account.repaymentFrequency", ALPHA, 1).field("statement.minimumDue", MONEY, 9).field("statement.amountPaidInMonth", MONEY, 9)
        .field("account.status", ALPHA, 2).field("account.daysPastDue", NUMBER, 3).field("account.balance", MONEY, 9)
        .field("account.amountPastDue", MONEY, 9).field("account.chargedOffAmount", MONEY, 9).field("account.closedOn", DATE, 8)
        .field("account.lastPaymentDate", DATE, 8).field("account.dateOfFirstDelinquency", DATE, 8)
        .field("borrower.familyName", ALPHA, 25).field("borrower.givenName", ALPHA, 20).field("borrower.middleName", ALPHA, 20)
        .field("borrower.nameSuffix", ALPHA, 1).field("borrower.idNumber", ALPHA, 9).field("borrower.dateOfBirth", DATE, 8)
        .field("borrower.phone", ALPHA, 10).field("borrower.address.countryCode", ALPHA, 2).field("borrower.address.line1", ALPHA, 32)
        .field("borrower.address.line2", ALPHA, 32).field("borrower.address.city", ALPHA, 20).field("borrower.address.region", ALPHA, 2)
        .field("borrower.address.postalCode", ALPHA, 9).field("consent.consentId", ALPHA, 40);
  }
}
