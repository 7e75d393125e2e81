package com.furnish.bench.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One consent event as the rule needs it (libs/consent/domain ConsentFact). `bureaus` is a bit set
 * over Bureau ordinals; `expiresAt` is Long.MAX_VALUE for none. A borrower's facts are kept in the
 * consent store as one byte array, in the order the store received them (ledger order).
 */
record ConsentFact(String consentId, int version, Action action, int bureaus, long effectiveAt, long expiresAt) {
  enum Action { GRANTED, WITHDRAWN, INVALIDATED }

  boolean covers(Bureau bureau) {
    return (bureaus & (1 << bureau.ordinal())) != 0;
  }

  boolean sameEvent(ConsentFact other) {
    return version == other.version && action == other.action && consentId.equals(other.consentId);
  }

  static byte[] append(byte[] list, ConsentFact fact) {
    List<ConsentFact> facts = list == null ? new ArrayList<>() : decode(list);
    for (ConsentFact f : facts) if (f.sameEvent(fact)) return list; // a replayed event: the ledger records it once
    facts.add(fact);
    return encode(facts);
  }

  static byte[] encode(List<ConsentFact> facts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * facts.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeShort(facts.size());
      for (ConsentFact f : facts) {
        out.writeUTF(f.consentId);
        out.writeInt(f.version);
        out.writeByte(f.action.ordinal());
        out.writeByte(f.bureaus);
        out.writeLong(f.effectiveAt);
        out.writeLong(f.expiresAt);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static List<ConsentFact> decode(byte[] list) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(list))) {
      int n = in.readUnsignedShort();
      List<ConsentFact> facts = new ArrayList<>(n + 1);
      for (int i = 0; i < n; i++) {
        facts.add(new ConsentFact(in.readUTF(), in.readInt(), Action.values()[in.readByte()], in.readByte(), in.readLong(), in.readLong()));
      }
      return facts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
