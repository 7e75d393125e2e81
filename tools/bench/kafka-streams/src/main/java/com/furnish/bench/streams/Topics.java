package com.furnish.bench.streams;

import java.util.EnumMap;
import java.util.Map;

/** libs/shared/contracts TOPICS under FURNISH_TOPIC_PREFIX. */
final class Topics {
  final String loanEvents;
  final String consentEvents;
  final String consentedLoanEvents;
  final Map<Bureau, String> minimised = new EnumMap<>(Bureau.class);
  final Map<Bureau, String> outbound = new EnumMap<>(Bureau.class);
  final String passthrough;

  Topics(String prefix) {
    loanEvents = prefix + "lending.loan-events.v1";
    consentEvents = prefix + "lending.consent-events.v1";
    consentedLoanEvents = prefix + "furnish.consented-loan-events.v1";
    for (Bureau b : Bureau.values()) {
      minimised.put(b, prefix + "furnish.minimised." + b.topicName + ".v1");
      outbound.put(b, prefix + "furnish.outbound." + b.topicName + ".v1");
    }
    passthrough = prefix + "furnish.bench.passthrough.v1";
  }
}
