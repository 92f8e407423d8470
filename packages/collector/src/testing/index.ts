// Helpers for rollcall's own tests (collector and end-to-end). Not part of the runtime API.
export { testBackends, testPostgresUrl, type TestBackend, type TestDatabase } from './databases.ts';
export { apiOf, collectorPerSuite, type ApiAnswer } from './server.ts';
export { databasePerSuite } from './database-per-suite.ts';
