package com.furnish.bench.streams;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * libs/consent/domain evaluateConsent, ported: an event that occurred at `t` is released to a
 * bureau iff a grant covering it was in effect at t (effective at or before t, not expired, not
 * superseded by a newer version of its consent id) and is not revoked by anything the store holds:
 * a withdrawal for the bureau recorded after the grant, or effective at or after the grant's
 * effective time; or a newer version of the consent id that drops the bureau. An invalidated
 * consent id authorises nothing. Only the released consent is returned (Furnish's withhold reasons
 * feed its audit, which this pipeline does not write).
 */
final class ConsentRule {
  private ConsentRule() {}

  /** The authorising consent, or null when the event is withheld from the bureau. */
  static ConsentFact authorising(List<ConsentFact> facts, Bureau bureau, long t) {
    Set<String> invalidated = null;
    for (ConsentFact f : facts) {
      if (f.action() == ConsentFact.Action.INVALIDATED) {
        if (invalidated == null) invalidated = new HashSet<>();
        invalidated.add(f.consentId());
      }
    }
    if (invalidated != null) {
      List<ConsentFact> valid = new ArrayList<>(facts.size());
      for (ConsentFact f : facts) if (!invalidated.contains(f.consentId())) valid.add(f);
      facts = valid;
    }
    ConsentFact best = null;
    for (int position = 0; position < facts.size(); position++) {
      ConsentFact grant = facts.get(position);
      if (grant.action() != ConsentFact.Action.GRANTED || !grant.covers(bureau)) continue;
      if (!inEffect(facts, grant, t) || isRevoked(facts, grant, position, bureau)) continue;
      if (best == null || better(grant, best)) best = grant;
    }
    return best;
  }

  private static boolean inEffect(List<ConsentFact> facts, ConsentFact grant, long t) {
    if (grant.effectiveAt() > t || grant.expiresAt() <= t) return false;
    for (ConsentFact f : facts) {
      if (f.consentId().equals(grant.consentId()) && f.version() > grant.version() && f.effectiveAt() <= t) return false; // superseded
    }
    return true;
  }

  private static boolean isRevoked(List<ConsentFact> facts, ConsentFact grant, int position, Bureau bureau) {
    for (int i = 0; i < facts.size(); i++) {
      ConsentFact f = facts.get(i);
      if (f.action() == ConsentFact.Action.WITHDRAWN && f.covers(bureau) && (i > position || f.effectiveAt() >= grant.effectiveAt())) return true;
      if (f.action() == ConsentFact.Action.GRANTED && f.consentId().equals(grant.consentId()) && f.version() > grant.version() && !f.covers(bureau)) return true;
    }
    return false;
  }

  /** Latest effective first, then highest version, then consent id (as evaluateConsent sorts). */
  private static boolean better(ConsentFact a, ConsentFact b) {
    if (a.effectiveAt() != b.effectiveAt()) return a.effectiveAt() > b.effectiveAt();
    if (a.version() != b.version()) return a.version() > b.version();
    return a.consentId().compareTo(b.consentId()) < 0;
  }
}
