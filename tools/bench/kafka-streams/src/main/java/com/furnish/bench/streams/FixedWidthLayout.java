package com.furnish.bench.streams;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A fixed-width line built from fields of a record: alphanumerics left-justified and blank-padded
 * (truncated to their width), numbers right-justified and zero-padded, money in cents, dates as
 * yyyyMMdd and instants as yyyyMMddHHmmss in the bureau's zone; the rest of the line blank up to
 * the record length. Not a bureau's byte-exact layout: the same kind and amount of work per record.
 */
final class FixedWidthLayout {
  enum Kind { ALPHA, NUMBER, MONEY, DATE, INSTANT, CONSTANT }

  private record Field(int[] positions, Kind kind, int width, String constant) {}

  private final List<Field> fields = new ArrayList<>();
  private final Schema schema;
  private final ZoneId zone;
  final int length;

  FixedWidthLayout(Schema schema, ZoneId zone, int length) {
    this.schema = schema;
    this.zone = zone;
    this.length = length;
  }

  /** A layout from a spec: fields separated by white space, each `path:<kind letter><width>` or `=constant`. */
  static FixedWidthLayout of(Schema schema, ZoneId zone, int length, String spec) {
    FixedWidthLayout layout = new FixedWidthLayout(schema, zone, length);
    for (String field : spec.strip().split("\\s+")) {
      if (field.startsWith("=")) {
        layout.constant(field.substring(1));
        continue;
      }
      int colon = field.lastIndexOf(':');
      Kind kind = switch (field.charAt(colon + 1)) {
        case 'A' -> Kind.ALPHA;
        case 'N' -> Kind.NUMBER;
        case 'M' -> Kind.MONEY;
        case 'D' -> Kind.DATE;
        case 'T' -> Kind.INSTANT;
        default -> throw new IllegalArgumentException("unknown kind in " + field);
      };
      layout.field(field.substring(0, colon), kind, Integer.parseInt(field.substring(colon + 2)));
    }
    return layout;
  }

  /** A field at a dotted path of the record's schema (records only, optional records allowed). */
  FixedWidthLayout field(String path, Kind kind, int width) {
    String[] names = path.split("\\.");
    int[] positions = new int[names.length];
    Schema current = schema;
    for (int i = 0; i < names.length; i++) {
      Schema.Field f = nonNull(current).getField(names[i]);
      if (f == null) throw new IllegalArgumentException(path + " is not in " + schema.getFullName());
      positions[i] = f.pos();
      current = f.schema();
    }
    fields.add(new Field(positions, kind, width, null));
    return this;
  }

  FixedWidthLayout constant(String value) {
    fields.add(new Field(null, Kind.CONSTANT, value.length(), value));
    return this;
  }

  String write(GenericRecord record) {
    StringBuilder line = new StringBuilder(length);
    for (Field f : fields) {
      if (f.kind == Kind.CONSTANT) {
        line.append(f.constant);
        continue;
      }
      Object value = record;
      for (int p : f.positions) {
        value = ((GenericRecord) value).get(p);
        if (value == null) break;
      }
      switch (f.kind) {
        case ALPHA -> alpha(line, value == null ? "" : value.toString(), f.width);
        case NUMBER -> number(line, value == null ? 0 : ((Number) value).longValue(), f.width);
        case MONEY -> number(line, value == null ? 0 : cents((ByteBuffer) value), f.width);
        case DATE -> alpha(line, value == null ? "" : yyyymmdd(LocalDate.ofEpochDay((Integer) value)), f.width);
        case INSTANT -> alpha(line, value == null ? "" : timestamp(LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) value), zone)), f.width);
        default -> throw new IllegalStateException();
      }
    }
    if (line.length() > length) throw new IllegalStateException("layout of " + line.length() + " characters exceeds the record length " + length);
    while (line.length() < length) line.append(' ');
    return line.toString();
  }

  /** The decimal's unscaled value: scale 2, so cents; a credit (negative) balance is reported as 0. */
  static long cents(ByteBuffer decimal) {
    byte[] bytes = new byte[decimal.remaining()];
    decimal.duplicate().get(bytes);
    long cents = new BigInteger(bytes).longValueExact();
    return Math.max(0, cents);
  }

  static String yyyymmdd(LocalDate date) {
    StringBuilder s = new StringBuilder(8);
    pad(s, date.getYear(), 4);
    pad(s, date.getMonthValue(), 2);
    pad(s, date.getDayOfMonth(), 2);
    return s.toString();
  }

  private static String timestamp(LocalDateTime t) {
    StringBuilder s = new StringBuilder(14).append(yyyymmdd(t.toLocalDate()));
    pad(s, t.getHour(), 2);
    pad(s, t.getMinute(), 2);
    pad(s, t.getSecond(), 2);
    return s.toString();
  }

  private static void pad(StringBuilder s, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) s.append('0');
    s.append(digits);
  }

  private static void alpha(StringBuilder line, String value, int width) {
    if (value.length() >= width) {
      line.append(value, 0, width);
      return;
    }
    line.append(value);
    for (int i = value.length(); i < width; i++) line.append(' ');
  }

  private static void number(StringBuilder line, long value, int width) {
    String digits = Long.toString(value);
    if (digits.length() > width) throw new IllegalArgumentException(value + " does not fit " + width + " digits");
    for (int i = digits.length(); i < width; i++) line.append('0');
    line.append(digits);
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) return schema;
    for (Schema branch : schema.getTypes()) if (branch.getType() != Schema.Type.NULL) return branch;
    return schema;
  }
}
