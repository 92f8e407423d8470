import { openDatabase } from '../db/open.ts';
import { lockHolder } from '../db/lock.ts';
import type { DatabaseTarget } from '../db/target.ts';
import { RollcallError } from '../errors.ts';
import { deviceJson, type DeviceJson } from '../http/app.ts';
import { Store } from '../store/store.ts';

/** What read-only CLI commands need, whether they open the database or ask a running server. */
export interface DataSource {
  readonly description: string;
  listDevices(): Promise<DeviceJson[]>;
  close(): Promise<void>;
}

/**
 * A PGlite directory held by `rollcall serve` is read through that server's HTTP API (one process
 * per directory); anything else is opened directly.
 */
export async function openDataSource(target: DatabaseTarget, command: string): Promise<DataSource> {
  const holder = target.kind === 'pglite' ? lockHolder(target.dir) : undefined;
  if (holder?.url) return new ApiSource(holder.url);
  const database = await openDatabase(target, command);
  const store = new Store(database.db);
  return {
    description: 'database',
    listDevices: async () => (await store.listDevices()).map(deviceJson),
    close: () => database.close(),
  };
}

class ApiSource implements DataSource {
  constructor(private readonly baseUrl: string) {}

  get description(): string {
    return `server at ${this.baseUrl}`;
  }

  async listDevices(): Promise<DeviceJson[]> {
    const body = await this.get<{ devices: DeviceJson[] }>('/api/devices');
    return body.devices;
  }

  async close(): Promise<void> {}

  private async get<T>(path: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl));
    } catch (cause) {
      throw new RollcallError(
        'SERVER_UNREACHABLE',
        `the database is held by the rollcall server at ${this.baseUrl}, which does not answer: ${(cause as Error).message}`,
        { cause },
      );
    }
    if (!response.ok) {
      const text = await response.text();
      throw new RollcallError('SERVER_UNREACHABLE', `GET ${path} on ${this.baseUrl} failed with HTTP ${response.status}: ${text.slice(0, 200)}`);
    }
    return (await response.json()) as T;
  }
}
