// A JSON import, not a runtime read of package.json, so that bundles carry the version with them.
import packageJson from '../package.json' with { type: 'json' };

export const COLLECTOR_VERSION: string = packageJson.version;
