package com.furnish.bench.streams;

/** The bureaus, with their code in the Avro BureauCode enum and their name in topic names. */
enum Bureau {
  PBOC_CRC("pboc-crc"),
  BAIHANG("baihang"),
  METRO2("metro2");

  final String topicName;

  Bureau(String topicName) {
    this.topicName = topicName;
  }

  static Bureau ofCode(String code) {
    return valueOf(code);
  }

  /** The bureau of a minimised record, by its schema's name (MinimisedPbocCrcRecord, …). */
  static Bureau ofMinimisedSchema(String name) {
    if (name.startsWith("MinimisedPboc")) return PBOC_CRC;
    if (name.startsWith("MinimisedBaihang")) return BAIHANG;
    if (name.startsWith("MinimisedMetro2")) return METRO2;
    throw new IllegalArgumentException(name + " is not a minimised record");
  }
}
