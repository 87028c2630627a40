import {
  ANNOTATION,
  type AnnotationData,
  annotationsOf,
  createAnnotation,
  type Framework,
  readAnnotation,
  reattach,
} from '@rectify/domain';
import {
  type Accessor,
  batch,
  createContext,
  createMemo,
  createSignal,
  onCleanup,
  useContext,
} from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type * as Y from 'yjs';
import type { LiveDoc } from '../collab/live-doc.ts';
import type { PmRange, SelectionAnchor } from './anchors.ts';
import type { EvidenceTarget } from './evidence-link.ts';
import { taggableQuestions } from './framework.ts';
import { orderAnnotations, stepThrough } from './ordering.ts';
import type { EvidenceItem, StatementVersion } from './review-api.ts';

/**
 * Everything the three columns share: the live doc, the annotations as a
 * fine-grained store (so typing in one body re-renders nothing else), which
 * one is active, the statement selection, and what the evidence viewer shows.
 */
export interface WorkspaceModel {
  live: LiveDoc;
  version: StatementVersion;
  framework: Framework;
  /** The version number of `framework`: new annotations record it, so they keep its wording. */
  frameworkVersion: number;
  /** Q-codes offered as tags, in the round's order (the digit keys follow it). */
  questionCodes: string[];
  stepCodes: string[];
  readOnly: Accessor<boolean>;
  me: { id: string; name: string };

  annotations: readonly AnnotationData[];
  /** Orphans first, then by position in the statement: the column's order and J / K's. */
  ordered: Accessor<AnnotationData[]>;
  spans: Accessor<ReadonlyMap<string, PmRange>>;
  setSpans: (spans: ReadonlyMap<string, PmRange>) => void;

  activeId: Accessor<string | undefined>;
  activate: (id: string | undefined, how?: { focusCard?: boolean; scroll?: boolean }) => void;
  step: (direction: 1 | -1) => void;

  selection: Accessor<SelectionAnchor | undefined>;
  setSelection: (selection: SelectionAnchor | undefined) => void;
  /** Adds an annotation over the statement selection and focuses its card; false without one. */
  createFromSelection: () => boolean;
  reattachToSelection: (id: string) => boolean;

  viewer: Accessor<EvidenceTarget | undefined>;
  openEvidence: (target: EvidenceTarget | undefined) => void;
  evidence: (id: string) => EvidenceItem | undefined;

  /** Cards and the statement register how to reach them. */
  registerCard: (id: string, el: HTMLElement) => () => void;
  setStatementScroller: (scroll: (id: string) => void) => void;
  /** A toast-like line under the column header ("select text first"). */
  hint: Accessor<string | undefined>;
  showHint: (text: string | undefined) => void;
}

export interface WorkspaceModelOptions {
  live: LiveDoc;
  version: StatementVersion;
  framework: Framework;
  /** Defaults to 1, the version every round starts with. */
  frameworkVersion?: number;
  readOnly: Accessor<boolean>;
  me: { id: string; name: string };
  viewer: Accessor<EvidenceTarget | undefined>;
  openEvidence: (target: EvidenceTarget | undefined) => void;
  newId?: () => string;
  now?: () => Date;
}

/** Call inside a component or root: it observes the doc until that owner is disposed. */
export function createWorkspaceModel(opts: WorkspaceModelOptions): WorkspaceModel {
  const { live, framework } = opts;
  const doc = live.doc;
  const newId = opts.newId ?? (() => crypto.randomUUID());
  const now = opts.now ?? (() => new Date());

  const [state, setState] = createStore<{ list: AnnotationData[] }>({ list: [] });
  const read = () =>
    setState(
      'list',
      reconcile(
        [...annotationsOf(doc).values()]
          .map((m) => readAnnotationSafe(m))
          .filter((a): a is AnnotationData => a !== undefined && !a.deleted),
        { key: 'id' },
      ),
    );
  // Many Yjs events arrive per keystroke; read once per microtask.
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      read();
    });
  };
  const annotations = annotationsOf(doc);
  annotations.observeDeep(schedule);
  onCleanup(() => annotations.unobserveDeep(schedule));
  read();

  const [spans, setSpans] = createSignal<ReadonlyMap<string, PmRange>>(new Map());
  const ordered = createMemo(() => orderAnnotations(state.list, spans()));
  const [activeId, setActiveId] = createSignal<string>();
  const [selection, setSelection] = createSignal<SelectionAnchor>();
  const [hint, setHint] = createSignal<string>();
  let hintTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(hintTimer));

  const cards = new Map<string, HTMLElement>();
  let scrollStatement: (id: string) => void = () => {};

  const focusCard = (id: string) => {
    // The card may render in this same tick (a new annotation): wait a frame.
    requestAnimationFrame(() => {
      const el = cards.get(id);
      if (!el) return;
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    });
  };

  const activate: WorkspaceModel['activate'] = (id, how = {}) => {
    setActiveId(id);
    if (!id) return;
    if (how.focusCard) focusCard(id);
    if (how.scroll) scrollStatement(id);
  };

  const evidenceById = createMemo(() => new Map(opts.version.evidence.map((e) => [e.id, e])));

  return {
    live,
    version: opts.version,
    framework,
    frameworkVersion: opts.frameworkVersion ?? 1,
    questionCodes: taggableQuestions(framework).map((q) => q.code),
    stepCodes: framework.methodSteps.map((s) => s.code),
    readOnly: opts.readOnly,
    me: opts.me,
    get annotations() {
      return state.list;
    },
    ordered,
    spans,
    setSpans,
    activeId,
    activate,
    step: (direction) => {
      const next = stepThrough(
        ordered().map((a) => a.id),
        activeId(),
        direction,
      );
      if (next) activate(next, { focusCard: true, scroll: true });
    },
    selection,
    setSelection,
    createFromSelection: () => {
      const sel = selection();
      if (!sel || opts.readOnly()) return false;
      const id = newId();
      createAnnotation(doc, {
        id,
        start: sel.start,
        end: sel.end,
        anchor: sel.anchor,
        quote: sel.quote,
        frameworkVersion: opts.frameworkVersion ?? 1,
        authorId: opts.me.id,
        authorName: opts.me.name,
        now: now(),
      });
      batch(() => {
        read();
        activate(id, { focusCard: true });
      });
      return true;
    },
    reattachToSelection: (id) => {
      const sel = selection();
      if (!sel || opts.readOnly()) return false;
      reattach(doc, id, sel.start, sel.end, now());
      activate(id, { focusCard: true, scroll: true });
      return true;
    },
    viewer: opts.viewer,
    openEvidence: opts.openEvidence,
    evidence: (id) => evidenceById().get(id),
    registerCard: (id, el) => {
      cards.set(id, el);
      return () => {
        if (cards.get(id) === el) cards.delete(id);
      };
    },
    setStatementScroller: (scroll) => {
      scrollStatement = scroll;
    },
    hint,
    showHint: (text) => {
      clearTimeout(hintTimer);
      setHint(text);
      if (text) hintTimer = setTimeout(() => setHint(undefined), 4000);
    },
  };
}

/** A half-synced map (no id yet) is skipped rather than shown broken. */
function readAnnotationSafe(map: Y.Map<unknown>): AnnotationData | undefined {
  if (typeof map.get(ANNOTATION.id) !== 'string') return undefined;
  return readAnnotation(map);
}

const WorkspaceContext = createContext<WorkspaceModel>();
export const WorkspaceProvider = WorkspaceContext.Provider;

export function useWorkspace(): WorkspaceModel {
  const model = useContext(WorkspaceContext);
  if (!model) throw new Error('useWorkspace() needs a <WorkspaceProvider> above it');
  return model;
}
