package com.furnish.bench.streams;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * libs/minimisation/domain normalisers, ported: each returns the value, null (absent: nothing to
 * send) or throws Malformed. `idType` is the borrower's document type, which two of them read.
 */
final class Normalisers {
  private Normalisers() {}

  static final class Malformed extends RuntimeException {
    Malformed(String expected) {
      super(expected, null, false, false);
    }
  }

  @FunctionalInterface
  interface Normaliser {
    String apply(String raw, String idType);
  }

  private static final Pattern WHITE = Pattern.compile("\\s+");
  private static final Pattern ID_SEPARATORS = Pattern.compile("[\\s-]+");
  private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\-().]+");
  private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");
  private static final Pattern MAINLAND_MOBILE = Pattern.compile("^\\+861\\d{10}$");
  private static final Pattern SSN = Pattern.compile("^\\d{9}$");
  private static final Pattern PRC_ID = Pattern.compile("^\\d{17}[\\dX]$");
  private static final int[] GB11643_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String GB11643_CHECK = "10X98765432";

  static final Normaliser TRIM = (raw, idType) -> {
    String trimmed = WHITE.matcher(raw.strip()).replaceAll(" ");
    return trimmed.isEmpty() ? null : trimmed;
  };

  static Normaliser code(String pattern) {
    Pattern p = Pattern.compile(pattern);
    return (raw, idType) -> {
      String code = raw.strip().toUpperCase();
      if (code.isEmpty()) return null;
      if (!p.matcher(code).matches()) throw new Malformed("a code matching " + pattern);
      return code;
    };
  }

  static final Normaliser PRC_RESIDENT_ID = (raw, idType) -> {
    if (!"PRC_RESIDENT_ID".equals(idType)) throw new Malformed("a PRC resident id number");
    return prcResidentId(raw);
  };

  static final Normaliser US_SSN = (raw, idType) -> "US_SSN".equals(idType) ? usSsn(raw) : null;

  static final Normaliser IDENTITY_NUMBER = (raw, idType) -> switch (idType) {
    case "PRC_RESIDENT_ID" -> prcResidentId(raw);
    case "US_SSN" -> usSsn(raw);
    default -> {
      String compact = WHITE.matcher(raw).replaceAll("").toUpperCase();
      yield compact.isEmpty() ? null : compact;
    }
  };

  static Normaliser phone(String countryCode, String trunkPrefix, boolean mainlandMobile) {
    return (raw, idType) -> {
      String compact = PHONE_SEPARATORS.matcher(raw).replaceAll("");
      if (compact.isEmpty()) return null;
      String e164;
      if (compact.startsWith("+")) e164 = compact;
      else if (compact.startsWith("00")) e164 = "+" + compact.substring(2);
      else e164 = "+" + countryCode + (compact.startsWith(trunkPrefix) ? compact.substring(trunkPrefix.length()) : compact);
      if (!E164.matcher(e164).matches()) throw new Malformed("a phone number in E.164 form");
      if (mainlandMobile && !MAINLAND_MOBILE.matcher(e164).matches()) throw new Malformed("a mainland China mobile number");
      return e164;
    };
  }

  private static String prcResidentId(String raw) {
    String compact = ID_SEPARATORS.matcher(raw).replaceAll("").toUpperCase();
    if (compact.isEmpty()) return null;
    if (!PRC_ID.matcher(compact).matches()) throw new Malformed("an 18-character PRC resident id number");
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (compact.charAt(i) - '0') * GB11643_WEIGHTS[i];
    if (GB11643_CHECK.charAt(sum % 11) != compact.charAt(17)) throw new Malformed("a valid GB 11643 check character");
    try {
      LocalDate.of(Integer.parseInt(compact.substring(6, 10)), Integer.parseInt(compact.substring(10, 12)), Integer.parseInt(compact.substring(12, 14)));
    } catch (DateTimeException e) {
      throw new Malformed("a valid birth date in the id number");
    }
    return compact;
  }

  private static String usSsn(String raw) {
    String digits = ID_SEPARATORS.matcher(raw).replaceAll("");
    if (digits.isEmpty()) return null;
    if (!SSN.matcher(digits).matches() || digits.equals("000000000") || digits.equals("999999999")) throw new Malformed("a 9-digit social security number");
    return digits;
  }
}
