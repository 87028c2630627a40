/**
 * The collab-scale tables: medians over repetitions (void phases left out),
 * ours ÷ each peer, the issue's targets, and every repetition's figures.
 */
import type { Layout, PhaseResult, SessionResult } from './scale-session.ts';
import { median } from './stats.ts';

export interface Cell {
  server: string;
  /**
   * ours-pglite, ours-pg, y-websocket-server, …: the prefix says the role
   * (`ours…` is ours; `ours-memory…` is ours without a database, a diagnostic
   * left out of the targets; anything else is a peer).
   */
  key: string;
  scenario: string;
  rep: number;
  result: SessionResult;
}

interface Summary {
  server: string;
  key: string;
  scenario: string;
  fixed: PhaseResult;
  closed: PhaseResult;
  fixedValid: number;
  closedValid: number;
  reps: number;
}

const METRICS = [
  'fanP50',
  'fanP99',
  'ackP50',
  'ackP99',
  'perSecond',
  'messagesPerSecond',
  'sentShare',
  'generatorCpu',
  'generatorKernelCpu',
  'otherCpu',
  'serverCpu',
  'serverCpuMsPer1k',
  'databaseCpuMsPer1k',
] as const;

export interface Validity {
  /** A phase whose generator used more of its core than this (%) is void. */
  voidCpu: number;
  /** A phase in which other processes took more than this (%) of either core is void. */
  otherCpu: number;
}

/** Why a phase does not count, or '' if it does. */
function voidReason(p: PhaseResult, v: Validity): string {
  if (p.generatorCpu > v.voidCpu) return 'VOID';
  if (p.otherCpu > v.otherCpu) return 'DISTURBED';
  return '';
}

/** Medians over the phases that count; over all of them if none does. */
function summarize(phases: PhaseResult[], v: Validity): { phase: PhaseResult; valid: number } {
  const valid = phases.filter((p) => voidReason(p, v) === '');
  const use = valid.length > 0 ? valid : phases;
  const phase = {} as PhaseResult;
  for (const m of METRICS) phase[m] = median(use.map((p) => p[m]));
  return { phase, valid: valid.length };
}

const f = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(2)}×` : '–';
const counted = (valid: number, reps: number): string =>
  valid === 0 ? `VOID (0/${reps})` : `${valid}/${reps}`;
/** A figure from a phase with no valid repetition is shown in parentheses. */
const mark = (text: string, valid: number): string => (valid === 0 ? `(${text})` : text);

export function printReport(
  cells: Cell[],
  options: { header: string; validity: Validity; layouts: { label: string; layout: Layout }[] },
): void {
  const summaries: Summary[] = [];
  for (const cell of cells) {
    if (summaries.some((s) => s.server === cell.server && s.scenario === cell.scenario)) continue;
    const same = cells.filter((c) => c.server === cell.server && c.scenario === cell.scenario);
    const fixed = summarize(
      same.map((c) => c.result.fixed),
      options.validity,
    );
    const closed = summarize(
      same.map((c) => c.result.closed),
      options.validity,
    );
    summaries.push({
      server: cell.server,
      key: cell.key,
      scenario: cell.scenario,
      fixed: fixed.phase,
      closed: closed.phase,
      fixedValid: fixed.valid,
      closedValid: closed.valid,
      reps: same.length,
    });
  }
  const index = (scenario: string): number =>
    options.layouts.findIndex((l) => l.label === scenario);
  const byScenario = (a: { scenario: string }, b: { scenario: string }): number =>
    index(a.scenario) - index(b.scenario);
  const ordered = [...summaries].sort(byScenario);

  console.log(`\n${options.header}\n`);
  console.log(
    `Medians over the counted repetitions: the generator used at most ${options.validity.voidCpu} % of its core and ` +
      `other processes at most ${options.validity.otherCpu} % of either core; figures in parentheses: ` +
      'no repetition counted (VOID), median of all.\n',
  );
  for (const { label, layout: l } of options.layouts) {
    const per = l.writers + l.readers + l.passive;
    console.log(
      `- ${label}: ${l.docs > 1 ? 'per doc ' : ''}${l.writers} writing, ${l.readers} reading (measuring), ` +
        `${l.passive} passive; ${l.docs * per} sockets`,
    );
  }

  console.log(
    '\nFixed rate (ms; ack: ours durable "saved", Hocuspocus SyncStatus, y-websocket-server none):\n',
  );
  console.log(
    '| server | scenario | fan-out p50 | fan-out p99 | ack p50 | ack p99 | sent (of target) | generator CPU % | others % | counted reps |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const s of ordered) {
    const x = s.fixed;
    const m = (t: string) => mark(t, s.fixedValid);
    console.log(
      `| ${s.server} | ${s.scenario} | ${m(f(x.fanP50))} | ${m(f(x.fanP99))} | ${m(f(x.ackP50))} | ${m(f(x.ackP99))} | ${f(100 * x.sentShare, 0)}% | ${f(x.generatorCpu, 0)} | ${f(x.otherCpu, 0)} | ${counted(s.fixedValid, s.reps)} |`,
    );
  }

  console.log('\nClosed loop (saturation):\n');
  console.log(
    '| server | scenario | updates/s | outbound msgs/s | fan-out p50 ms | server CPU % | server CPU ms / 1k updates (database) | generator CPU % (kernel) | others % | counted reps |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const s of ordered) {
    const x = s.closed;
    const m = (t: string) => mark(t, s.closedValid);
    console.log(
      `| ${s.server} | ${s.scenario} | ${m(f(x.perSecond, 0))} | ${m(f(x.messagesPerSecond, 0))} | ${m(f(x.fanP50))} | ${f(x.serverCpu, 0)} | ${m(f(x.serverCpuMsPer1k, 0))}${Number.isNaN(x.databaseCpuMsPer1k) ? '' : ` (${f(x.databaseCpuMsPer1k, 0)})`} | ${f(x.generatorCpu, 0)} (${f(x.generatorKernelCpu, 0)}) | ${f(x.otherCpu, 0)} | ${counted(s.closedValid, s.reps)} |`,
    );
  }

  const ours = ordered.filter((s) => s.key.startsWith('ours'));
  const diagnostic = (s: { key: string }): boolean => s.key.startsWith('ours-memory');
  const peers = ordered.filter((s) => !s.key.startsWith('ours'));
  console.log(
    '\nRatios, ours ÷ peer (fan-out, CPU: lower is better; updates/s, msgs/s: higher is better; * = a side has no valid rep):\n',
  );
  console.log(
    '| ours | peer | scenario | fan-out p50 | fan-out p99 | ack p99 | updates/s | outbound msgs/s | server CPU / update |',
  );
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|');
  for (const o of ours) {
    for (const p of peers.filter((x) => x.scenario === o.scenario)) {
      const fv = o.fixedValid && p.fixedValid ? '' : '*';
      const cv = o.closedValid && p.closedValid ? '' : '*';
      console.log(
        `| ${o.server} | ${p.server} | ${o.scenario} | ${ratio(o.fixed.fanP50, p.fixed.fanP50)}${fv} | ${ratio(o.fixed.fanP99, p.fixed.fanP99)}${fv} | ${ratio(o.fixed.ackP99, p.fixed.ackP99)}${fv} | ${ratio(o.closed.perSecond, p.closed.perSecond)}${cv} | ${ratio(o.closed.messagesPerSecond, p.closed.messagesPerSecond)}${cv} | ${ratio(o.closed.serverCpuMsPer1k, p.closed.serverCpuMsPer1k)}${cv} |`,
      );
    }
  }

  console.log(
    "\nTargets: fan-out p99 no worse than either peer; durable-ack p99 < 20 ms; saturation (updates/s, msgs/s) at least the peers' (* = a side has no valid rep; a void peer's figure is a lower bound):\n",
  );
  console.log(
    '| ours | scenario | fan-out p99 ≤ both peers | durable ack p99 < 20 ms | updates/s ≥ both peers | msgs/s ≥ both peers |',
  );
  console.log('|---|---|---|---|---|---|');
  const yes = (ok: boolean, detail: string): string => `${ok ? 'yes' : '**no**'} (${detail})`;
  // The diagnostic without a database stores nothing: the targets are not its to meet.
  for (const o of ours.filter((x) => !diagnostic(x))) {
    const ps = peers.filter((x) => x.scenario === o.scenario);
    if (ps.length === 0) continue;
    const worstFan = Math.min(...ps.map((p) => p.fixed.fanP99));
    const bestRate = Math.max(...ps.map((p) => p.closed.perSecond));
    const bestMsgs = Math.max(...ps.map((p) => p.closed.messagesPerSecond));
    // A void peer's saturation is a lower bound (its generator ran out first).
    const fv = o.fixedValid && ps.every((p) => p.fixedValid) ? '' : '*';
    const cv = o.closedValid && ps.every((p) => p.closedValid) ? '' : '*';
    console.log(
      `| ${o.server} | ${o.scenario} | ${yes(o.fixed.fanP99 <= worstFan, `${f(o.fixed.fanP99)} vs ${f(worstFan)}`)}${fv} | ${yes(o.fixed.ackP99 < 20, f(o.fixed.ackP99))} | ${yes(o.closed.perSecond >= bestRate, `${f(o.closed.perSecond, 0)} vs ${f(bestRate, 0)}`)}${cv} | ${yes(o.closed.messagesPerSecond >= bestMsgs, `${f(o.closed.messagesPerSecond, 0)} vs ${f(bestMsgs, 0)}`)}${cv} |`,
    );
  }

  console.log(
    `\nEvery repetition (fixed rate | closed loop). VOID: the generator used more than ${options.validity.voidCpu} % of its core; ` +
      `DISTURBED: other processes took more than ${options.validity.otherCpu} % of the server's or the generator's core:\n`,
  );
  console.log(
    '| server | scenario | rep | fan-out p50 | fan-out p99 | ack p99 | gen CPU % | others % | updates/s | msgs/s | fan-out p50 | server CPU % | gen CPU % | others % | passive dropped |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const sortedCells = [...cells].sort(
    (a, b) => byScenario(a, b) || a.server.localeCompare(b.server) || a.rep - b.rep,
  );
  for (const c of sortedCells) {
    const x = c.result.fixed;
    const y = c.result.closed;
    const v = (p: PhaseResult) => {
      const reason = voidReason(p, options.validity);
      return reason ? ` ${reason}` : '';
    };
    console.log(
      `| ${c.server} | ${c.scenario} | ${c.rep} | ${f(x.fanP50)} | ${f(x.fanP99)} | ${f(x.ackP99)} | ${f(x.generatorCpu, 0)}${v(x)} | ${f(x.otherCpu, 0)} | ${f(y.perSecond, 0)} | ${f(y.messagesPerSecond, 0)} | ${f(y.fanP50)} | ${f(y.serverCpu, 0)} | ${f(y.generatorCpu, 0)}${v(y)} | ${f(y.otherCpu, 0)} | ${c.result.passiveLost} |`,
    );
  }
}
