export * from './consent-fact';
export * from './evaluate-consent';
