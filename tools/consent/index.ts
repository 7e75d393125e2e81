export * from './why-report';
