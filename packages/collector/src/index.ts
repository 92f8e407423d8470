export { openDatabase, type Database, type Db } from './db/open.ts';
export { databaseTarget, describeTarget, type DatabaseTarget } from './db/target.ts';
export { RollcallError, isRollcallError, type RollcallErrorCode } from './errors.ts';
export { createLogger, silentLogger, type Logger } from './log.ts';
export { startServer, type RunningServer, type ServerOptions } from './server.ts';
export { createStores, type Stores } from './store/index.ts';
