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
}
