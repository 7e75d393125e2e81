package com.furnish.bench.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Builds a record of a minimised schema from a record of the loan-event schema: the minimised
 * records are projections of LoanEvent (same field names and paths, a subset of the fields), so
 * the field positions are resolved once, and each value is copied, strings through the policy's
 * normaliser where it names one. `skip` names root fields filled by the caller (the consent).
 */
final class Projector {
  /** A required field was absent or malformed: Furnish would dead-letter the event. */
  static final class Rejected extends RuntimeException {
    Rejected(String path) {
      super(path, null, false, false);
    }
  }

  private record Rule(Normalisers.Normaliser normaliser, boolean required) {}

  private record Op(int target, int source, Projector record, Projector items, Rule rule, boolean nullable) {}

  private final Schema schema;
  private final Op[] ops;
  private final String[] paths;

  static Map.Entry<Normalisers.Normaliser, Boolean> rule(Normalisers.Normaliser normaliser, boolean required) {
    return Map.entry(normaliser, required);
  }

  Projector(Schema target, Schema source, String prefix, Map<String, Map.Entry<Normalisers.Normaliser, Boolean>> rules, List<String> skip) {
    this.schema = target;
    List<Op> ops = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (Schema.Field field : target.getFields()) {
      if (skip.contains(field.name())) continue;
      String path = prefix + field.name();
      Schema.Field from = source.getField(field.name());
      if (from == null) throw new IllegalArgumentException(path + " is not in " + source.getFullName());
      Schema type = nonNull(field.schema());
      Schema sourceType = nonNull(from.schema());
      boolean nullable = type != field.schema();
      Projector record = null;
      Projector items = null;
      if (type.getType() == Schema.Type.RECORD) record = new Projector(type, sourceType, path + ".", rules, List.of());
      else if (type.getType() == Schema.Type.ARRAY && type.getElementType().getType() == Schema.Type.RECORD) {
        items = new Projector(type.getElementType(), sourceType.getElementType(), path + "[].", rules, List.of());
      }
      Map.Entry<Normalisers.Normaliser, Boolean> r = rules.get(path);
      ops.add(new Op(field.pos(), from.pos(), record, items, r == null ? null : new Rule(r.getKey(), r.getValue()), nullable));
      paths.add(path);
    }
    this.ops = ops.toArray(new Op[0]);
    this.paths = paths.toArray(new String[0]);
  }

  GenericData.Record project(GenericRecord source, String idType) {
    GenericData.Record out = new GenericData.Record(schema);
    for (int i = 0; i < ops.length; i++) {
      Op op = ops[i];
      Object value = source.get(op.source);
      if (value == null) {
        if (op.rule != null && op.rule.required) throw new Rejected(paths[i]);
        out.put(op.target, op.nullable || op.rule == null ? null : "");
      } else if (op.record != null) {
        out.put(op.target, op.record.project((GenericRecord) value, idType));
      } else if (op.items != null) {
        List<?> list = (List<?>) value;
        List<GenericRecord> copied = new ArrayList<>(list.size());
        for (Object item : list) copied.add(op.items.project((GenericRecord) item, idType));
        out.put(op.target, copied);
      } else if (op.rule != null) {
        String normalised;
        try {
          normalised = op.rule.normaliser.apply(value.toString(), idType);
        } catch (Normalisers.Malformed e) {
          if (op.rule.required) throw new Rejected(paths[i]);
          normalised = null; // an optional malformed field is withheld
        }
        if (normalised == null && op.rule.required) throw new Rejected(paths[i]);
        out.put(op.target, normalised == null && !op.nullable ? "" : normalised);
      } else {
        out.put(op.target, value);
      }
    }
    return out;
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) return schema;
    for (Schema branch : schema.getTypes()) if (branch.getType() != Schema.Type.NULL) return branch;
    return schema;
  }
}
