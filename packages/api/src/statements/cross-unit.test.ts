import { paragraphsToRichText } from '@rectify/domain';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evidenceTextSettled } from '../evidence/extract-text.ts';
import { makePdf } from '../evidence/testing/files.ts';
import { uploadRaw } from '../evidence/testing/upload.ts';
import { createPortalTestApi } from './testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from './testing/seed-round.ts';

/**
 * access.test.ts aims other callers at unit A's material by naming unit A.
 * These aim them at unit A's tasks while naming their *own* unit, which the
 * policy allows on its own: the task must also be one the unit has a measure
 * in, or it answers 404 and writes nothing. And the round's whole ledger,
 * which lists every unit's tasks, is not the unit contact's to read.
 */
describeEachDatabase(
  'unit contacts cannot reach another unit’s tasks through their own unit',
  (db) => {
    let t: Awaited<ReturnType<typeof createPortalTestApi>>;
    let r: PortalRound;
    let pdf: Buffer;
    beforeAll(async () => {
      t = await createPortalTestApi(db().sql);
      r = await seedPortalRound(db().sql, t, 'xu');
      pdf = await makePdf([['not my task']]);
    });
    afterAll(async () => {
      await evidenceTextSettled();
      t.cleanup();
    });

    // contactB co-leads T1 but has no part in T2; contactC (another group) has no part in T1 or T2.
    const attempts = () =>
      [
        { who: 'contactB', unit: r.units.B, task: r.tasks.T2 },
        { who: 'contactC', unit: r.units.C, task: r.tasks.T1 },
        { who: 'contactC', unit: r.units.C, task: r.tasks.T2 },
      ] as const;

    it('answers 404 on the task page, draft, submit and upload, naming the caller’s own unit', async () => {
      for (const a of attempts()) {
        const token = r.tokens[a.who];
        const body = { taskId: a.task, unitId: a.unit };
        const statuses = {
          task: (await t.call('GET', `/api/tasks/${a.task}?unitId=${a.unit}`, { token })).status,
          draft: (
            await t.call('PUT', '/api/statements/draft', {
              token,
              body: { ...body, body: paragraphsToRichText(['冒充的陈述']) },
            })
          ).status,
          submit: (await t.call('POST', '/api/statements/submit', { token, body })).status,
          upload: (await uploadRaw(t, token, { ...body, filename: 'x.pdf' }, pdf)).status,
        };
        expect({ ...a, statuses }).toEqual({
          ...a,
          statuses: { task: 404, draft: 404, submit: 404, upload: 404 },
        });
      }
    });

    it('writes no statement and no evidence for those attempts', async () => {
      const [s] = await db().sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM statements
      WHERE round_id = ${r.roundId} AND unit_id IN (${r.units.B}, ${r.units.C})
        AND task_id IN (${r.tasks.T1}, ${r.tasks.T2})`;
      const [e] = await db().sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM evidence
      WHERE round_id = ${r.roundId} AND unit_id IN (${r.units.B}, ${r.units.C})`;
      expect({ statements: s!.n, evidence: e!.n }).toEqual({ statements: 0, evidence: 0 });
    });

    it('lists in a contact’s own task list only the tasks its unit has a part in', async () => {
      const own = async (who: 'contactB' | 'contactC', unitId: string) => {
        const res = await t.call('GET', `/api/rounds/${r.roundId}/units/${unitId}/tasks`, {
          token: r.tokens[who],
        });
        expect(res.status).toBe(200);
        return JSON.stringify(res.json);
      };
      const b = await own('contactB', r.units.B);
      expect(b).toContain('修订本科生导师制实施办法');
      expect(b).not.toContain('推进课程思政建设');
      const c = await own('contactC', r.units.C);
      expect(c).toContain('规范科研经费报销');
      expect(c).not.toContain('修订本科生导师制实施办法');
      expect(c).not.toContain('推进课程思政建设');
    });

    it('refuses the round’s ledger (every unit’s tasks) to a unit contact: export, preview and import', async () => {
      const token = r.tokens.contactA;
      const xlsx = await t.app.request(`/api/rounds/${r.roundId}/ledger.xlsx`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect([403, 404]).toContain(xlsx.status);
      expect(xlsx.headers.get('content-type')).toMatch(/json/);
      expect(await xlsx.text()).not.toContain('规范科研经费报销');
      for (const step of ['preview', 'import']) {
        const form = new FormData();
        form.set('file', new File(['问题,整改任务,牵头单位\n财务问题,新任务,财务处\n'], 'l.csv'));
        const res = await t.app.request(`/api/rounds/${r.roundId}/ledger/${step}`, {
          method: 'POST',
          body: form,
          headers: { authorization: `Bearer ${token}` },
        });
        expect({ step, status: res.status }).toEqual({
          step,
          status: expect.toBeOneOf([403, 404]),
        });
      }
      const [n] = await db().sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM tasks WHERE round_id = ${r.roundId}`;
      expect(n!.n).toBe(3);
    });
  },
);
