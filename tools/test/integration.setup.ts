// Integration and end-to-end tests talk to real Kafka, registry, PostgreSQL and services:
// generous timeouts, which bound a hung test rather than measure speed.
jest.setTimeout(180_000);
