import { type Client, ScheduleNotFoundError } from '@temporalio/client';
import express, { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../core/config';
import { scheduleState, setPaused, triggerRun } from '../core/dag/control';
import { getRun, latestRuns, listRuns } from '../core/dag/run-history';
import { RUN_STATES } from '../core/dag/states';
import type { Database } from '../core/db/client';
import { dagRunsUrl, runUrl } from '../core/temporal/links';
import { DAGS, findDag } from '../workflows/dags';
import { ApiError } from './errors';
import { errorSchema, registry } from './openapi';

const runsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(25),
  state: z.enum(RUN_STATES).optional(),
});
const triggerBody = z.object({ params: z.record(z.string(), z.unknown()).default({}) }).strict();
const pauseBody = z.object({ note: z.string().max(500).optional() }).strict();

const dagSchema = z
  .object({
    id: z.string(),
    description: z.string(),
    schedule: z.string().nullable(),
    paused: z.boolean().nullable(),
    nextRunTimes: z.array(z.string()),
    tasks: z.array(z.object({ id: z.string(), upstream: z.array(z.string()), triggerRule: z.string() })),
    latestRun: z.unknown().nullable(),
    temporalUrl: z.string(),
  })
  .meta({ id: 'Dag' });

for (const [method, path, summary, response] of [
  [
    'get',
    '/dags',
    'Every DAG with its schedule, paused or not, next runs and latest run',
    z.array(dagSchema),
  ],
  ['get', '/dags/{dagId}/runs', 'Recent runs of a DAG with every task state (the grid view)', z.unknown()],
  [
    'get',
    '/runs/{runId}',
    'One run with its tasks: states, tries, durations, errors, outputs and links',
    z.unknown(),
  ],
  [
    'post',
    '/dags/{dagId}/trigger',
    'Start a manual run now',
    z.object({ runId: z.string(), temporalUrl: z.string() }),
  ],
  ['post', '/dags/{dagId}/pause', 'Stop scheduling new runs', z.unknown()],
  ['post', '/dags/{dagId}/unpause', 'Resume scheduling runs', z.unknown()],
] as const) {
  registry.registerPath({
    method,
    path,
    summary,
    tags: ['pipelines'],
    security: [{ bearerAuth: [] }],
    responses: {
      200: { description: 'OK', content: { 'application/json': { schema: response } } },
      404: { description: 'No such DAG or run', content: { 'application/json': { schema: errorSchema } } },
    },
  });
}

function dagOr404(id: string) {
  const dag = findDag(id);
  if (!dag)
    throw new ApiError(404, 'dag_not_found', `no DAG named "${id}"`, { known: DAGS.map((d) => d.id) });
  return dag;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError(
      400,
      'invalid_request',
      `invalid ${where}`,
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}

/** The pipelines the web app shows: DAGs, their runs and tasks, and the trigger/pause buttons. */
export function dagsRouter(deps: { config: Config; db: Database; temporal: Client }): Router {
  const router = Router();
  // Only these routes' small bodies: the router is mounted at the root, so a router-wide parser would take every body.
  const json = express.json({ limit: '100kb' });
  const { config, db, temporal } = deps;

  router.get('/dags', async (_req, res) => {
    const latest = await latestRuns(db);
    const body = await Promise.all(
      DAGS.map(async (dag) => {
        const schedule = dag.schedule
          ? await scheduleState(temporal, config.temporal.taskQueue, dag.id).catch(() => undefined)
          : undefined;
        return {
          id: dag.id,
          description: dag.description,
          schedule: dag.schedule ? `every ${dag.schedule.every}` : null,
          paused: schedule ? schedule.paused : null,
          nextRunTimes: schedule?.nextRunTimes.map((t) => t.toISOString()) ?? [],
          tasks: dag.tasks.map((t) => ({ id: t.id, upstream: [...t.upstream], triggerRule: t.triggerRule })),
          latestRun: latest.get(dag.id) ?? null,
          temporalUrl: dagRunsUrl(config, dag.id),
        };
      }),
    );
    res.json(body);
  });

  router.get('/dags/:dagId/runs', async (req, res) => {
    const dag = dagOr404(req.params.dagId);
    const query = parse(runsQuery, req.query, 'query');
    const runs = await listRuns(db, {
      dagId: dag.id,
      limit: query.limit,
      ...(query.state ? { state: query.state } : {}),
    });
    const tasks = await db.pool.query<{ run_id: string; task_id: string; state: string }>(
      `SELECT run_id, task_id, state FROM task_instances WHERE run_id = ANY($1::text[])`,
      [runs.map((r) => r.runId)],
    );
    const byRun = new Map<string, Record<string, string>>();
    for (const t of tasks.rows) byRun.set(t.run_id, { ...byRun.get(t.run_id), [t.task_id]: t.state });
    res.json({
      dagId: dag.id,
      taskIds: dag.tasks.map((t) => t.id),
      runs: runs.map((r) => ({ ...r, tasks: byRun.get(r.runId) ?? {} })),
    });
  });

  router.get('/runs/:runId', async (req, res) => {
    const run = await getRun(db, req.params.runId);
    if (!run) throw new ApiError(404, 'run_not_found', `no run with id ${req.params.runId}`);
    const order = findDag(run.dagId)?.tasks.map((t) => t.id) ?? [];
    run.tasks.sort((a, b) => order.indexOf(a.taskId) - order.indexOf(b.taskId));
    res.json({ ...run, temporalUrl: runUrl(config, run.runId, run.temporalRunId ?? undefined) });
  });

  router.post('/dags/:dagId/trigger', json, async (req, res) => {
    const dag = dagOr404(req.params.dagId);
    const { params } = parse(triggerBody, req.body ?? {}, 'body');
    const { workflowId, temporalRunId } = await triggerRun(temporal, config.temporal.taskQueue, dag, params);
    res.status(201).json({ runId: workflowId, temporalUrl: runUrl(config, workflowId, temporalRunId) });
  });

  for (const action of ['pause', 'unpause'] as const) {
    router.post(`/dags/:dagId/${action}`, json, async (req, res) => {
      const dag = dagOr404(req.params.dagId);
      if (!dag.schedule)
        throw new ApiError(409, 'not_scheduled', `DAG ${dag.id} has no schedule to ${action}`);
      const { note } = parse(pauseBody, req.body ?? {}, 'body');
      await setPaused(
        temporal,
        config.temporal.taskQueue,
        dag.id,
        action === 'pause',
        note ?? `${action}d from the web app`,
      ).catch((error: unknown) => {
        if (!(error instanceof ScheduleNotFoundError)) throw error;
        throw new ApiError(
          404,
          'schedule_not_found',
          `DAG ${dag.id} has no schedule in Temporal yet: a worker creates it when it starts`,
        );
      });
      res.json({ dagId: dag.id, paused: action === 'pause' });
    });
  }
  return router;
}
