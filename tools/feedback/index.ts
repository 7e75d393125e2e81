export * from './feedback-args';
export * from './feedback-import';
export * from './feedback-render';
export * from './outbound-source';
