/**
 * Whole-value charsets of Metro 2 alphanumeric fields. moov accepts `[ \w!"#$%&'()*+,-./\:;<>=?@[]^_{}|~]`
 * (ASCII only); Furnish also requires upper case, as the CRRG asks of alpha fields.
 */
export const METRO2_TEXT = /^[A-Z0-9 !"#$%&'()*+,\-./\\:;<>=?@[\]^_{}|~]*$/;

/** Names: letters, blanks and the hyphen, "the only special character allowed in names". */
export const METRO2_NAME = /^[A-Z -]*$/;

/** Identifiers: letters and digits only, no embedded blanks. */
export const METRO2_IDENTIFIER = /^[A-Z0-9]*$/;
