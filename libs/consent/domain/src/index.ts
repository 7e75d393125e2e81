export * from './consent-fact';
export * from './evaluate-consent';
export * from './borrower-ref';
