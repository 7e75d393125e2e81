export * from './consent-fact';
export * from './evaluate-consent';
export * from './borrower-ref';
export * from './explain-decision';
export * from './release-recheck';
export * from './audit-trail';
export * from './coverage';
export * from './evaluate-correction';
