export * from './consent-fact';
export * from './evaluate-consent';
export * from './borrower-ref';
export * from './explain-decision';
