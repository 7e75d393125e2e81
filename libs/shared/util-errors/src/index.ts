export * from './furnish-error';
