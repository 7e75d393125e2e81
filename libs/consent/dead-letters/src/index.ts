export * from './dead-letter-address';
export * from './dead-letter-summary';
export * from './dead-letter-topic.reader';
export * from './original-event-id';
export * from './redrive.publisher';
export * from './dead-letter-operations';
export * from './dead-letter-render';
