import type { Config } from '../core/config';
import type { Database } from '../core/db/client';

/**
 * What activities need from their process: the configuration and one shared database pool.
 * The worker sets it once at start; tests set it to their own database.
 */
export interface ActivityDeps {
  config: Config;
  db: Database;
}

let current: ActivityDeps | undefined;

export function configureActivities(deps: ActivityDeps): void {
  current = deps;
}

export function activityDeps(): ActivityDeps {
  if (!current) throw new Error('activities used before configureActivities() was called');
  return current;
}
