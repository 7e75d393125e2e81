package com.furnish.bench.streams;


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

  static final class Format extends StageProcessor {
    private final Map<Bureau, FixedWidthLayout> layouts;
    private final Schema outbound;
    private final Map<Bureau, GenericData.EnumSymbol> codes = new EnumMap<>(Bureau.class);
    private final MessageDigest sha256;

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
    protected void processValue(Record<String, GenericRecord> record) {
      GenericRecord source = record.value();
      Bureau bureau = Bureau.ofMinimisedSchema(source.getSchema().getName());
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

  /**
   * The lines' fields in order: `path:kind+width` (A alphanumeric, N number, M money in cents, D date,
   * T instant) or `=constant`.
   */
  private static final String PBOC_FIELDS = """
      =210 eventType:A20 occurredAt:T14 furnisher.pbocManagementOrgCode:A14 account.accountId:A60 account.productType:A16
      account.currency:A3 account.openedOn:D8 account.maturityDate:D8 account.creditLimit:M15 account.principal:M15
      account.instalmentCount:N4 account.repaymentMethod:A24 account.repaymentFrequency:A16 account.guaranteeType:A10
      account.applicationDistrictCode:A6 account.balance:M15 account.amountPastDue:M15 account.principalPastDue:M15
      account.daysPastDue:N4 account.periodsPastDue:N3 account.status:A12 account.closedOn:D8 account.lastPaymentDate:D8
      account.lastPaymentAmount:M15 borrower.fullName:A30 borrower.idType:A16 borrower.idNumber:A20 statement.periodEnd:D8
      statement.dueDate:D8 statement.minimumDue:M15 statement.totalDue:M15 statement.amountPaidInMonth:M15
      statement.instalmentNumber:N4 consent.consentId:A40 consent.version:N4
      """;

  private static final String BAIHANG_FIELDS = """
      eventType:A20 occurredAt:T14 furnisher.baihangInstitutionId:A20 account.accountId:A40 account.productType:A16
      account.currency:A3 account.openedOn:D8 account.maturityDate:D8 account.creditLimit:M15 account.principal:M15
      account.instalmentCount:N4 account.instalmentAmount:M15 account.repaymentFrequency:A16 account.gracePeriodDays:N3
      account.guaranteeType:A10 account.loanPurpose:A20 account.appliedAt:T14 account.balance:M15 account.amountPastDue:M15
      account.daysPastDue:N4 account.status:A12 account.closedOn:D8 account.lastPaymentDate:D8 account.lastPaymentAmount:M15
      borrower.fullName:A30 borrower.idType:A16 borrower.idNumber:A18 borrower.phone:A16 statement.periodStart:D8
      statement.periodEnd:D8 statement.dueDate:D8 statement.minimumDue:M15 statement.totalDue:M15
      statement.amountPaidInMonth:M15 statement.instalmentNumber:N4
      """;

  private static final String METRO2_FIELDS = """
      =0426 =1 occurredAt:T14 =0 furnisher.metro2IdentificationNumber:A20 account.accountId:A30 account.productType:A3
      account.openedOn:D8 account.creditLimit:M9 account.highestBalance:M9 account.instalmentAmount:M9
      account.repaymentFrequency:A1 statement.minimumDue:M9 statement.amountPaidInMonth:M9 account.status:A2
      account.daysPastDue:N3 account.balance:M9 account.amountPastDue:M9 account.chargedOffAmount:M9 account.closedOn:D8
      account.lastPaymentDate:D8 account.dateOfFirstDelinquency:D8 borrower.familyName:A25 borrower.givenName:A20
      borrower.middleName:A20 borrower.nameSuffix:A1 borrower.idNumber:A9 borrower.dateOfBirth:D8 borrower.phone:A10
      borrower.address.countryCode:A2 borrower.address.line1:A32 borrower.address.line2:A32 borrower.address.city:A20
      borrower.address.region:A2 borrower.address.postalCode:A9 consent.consentId:A40
      """;

  private static FixedWidthLayout pbocLayout(Schema s) {
    return FixedWidthLayout.of(s, SHANGHAI, PBOC_LENGTH, PBOC_FIELDS);
  }

  private static FixedWidthLayout baihangLayout(Schema s) {
    return FixedWidthLayout.of(s, SHANGHAI, BAIHANG_LENGTH, BAIHANG_FIELDS);
  }

  private static FixedWidthLayout metro2Layout(Schema s) {
    return FixedWidthLayout.of(s, ZoneOffset.UTC, METRO2_LENGTH, METRO2_FIELDS);
  }
}
