import { type Action, AppError, type RoundState } from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { requireActor } from '../lib/actor.ts';
import { authorize } from '../lib/authorize.ts';
import type { UnitFacts } from '../queries/facts.ts';

/** A task seen from one unit: the policy's facts and the unit's part in it. */
export interface TaskScope {
  taskId: string;
  taskTitle: string;
  problemId: string;
  roundId: string;
  unitId: string;
  unitName: string;
  facts: UnitFacts;
  /** The unit leads at least one of the task's measures. */
  leads: boolean;
  /** The unit co-leads at least one of the task's measures. */
  coLeads: boolean;
}

/** The task and unit, or 404 when either does not exist. */
export async function loadTaskScope(db: Db, taskId: string, unitId: string): Promise<TaskScope> {
  const [row] = await db<
    {
      taskId: string;
      taskTitle: string;
      problemId: string;
      roundId: string;
      roundState: RoundState;
      unitId: string;
      unitName: string;
      groupId: string | null;
      leads: boolean;
      coLeads: boolean;
    }[]
  >`
    SELECT t.id AS task_id, t.title AS task_title, t.problem_id, t.round_id, r.state AS round_state,
           u.id AS unit_id, u.name AS unit_name, ua.group_id,
           EXISTS (SELECT 1 FROM measures m WHERE m.task_id = t.id AND m.lead_unit_id = u.id) AS leads,
           EXISTS (SELECT 1 FROM measures m JOIN measure_co_units cu ON cu.measure_id = m.id
                   WHERE m.task_id = t.id AND cu.unit_id = u.id) AS co_leads
    FROM tasks t
    JOIN rounds r ON r.id = t.round_id
    JOIN units u ON u.id = ${unitId}
    LEFT JOIN unit_assignments ua ON ua.round_id = t.round_id AND ua.unit_id = u.id
    WHERE t.id = ${taskId}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  return {
    taskId: row.taskId,
    taskTitle: row.taskTitle,
    problemId: row.problemId,
    roundId: row.roundId,
    unitId: row.unitId,
    unitName: row.unitName,
    facts: {
      round: { id: row.roundId, state: row.roundState },
      unitId: row.unitId,
      groupId: row.groupId,
    },
    leads: row.leads,
    coLeads: row.coLeads,
  };
}

/**
 * Asks the policy about a unit's task, statement or evidence for a task.
 * The caller must be signed in before anything is looked up, and a unit that
 * has no measure in the task answers 404 like a task that does not exist.
 */
export async function authorizeTask(
  c: Context<ApiEnv>,
  action: Action,
  kind: 'task' | 'statement' | 'evidence',
  taskId: string,
  unitId: string,
): Promise<TaskScope> {
  requireActor(c);
  const scope = await loadTaskScope(c.get('deps').sql, taskId, unitId);
  await authorize(c, action, { kind, ...scope.facts }, { resourceId: taskId });
  if (!scope.leads && !scope.coLeads) throw new AppError('not_found', 'Not found.');
  return scope;
}
