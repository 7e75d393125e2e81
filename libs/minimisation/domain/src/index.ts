export * from './minimise';
