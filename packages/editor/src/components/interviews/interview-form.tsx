import { createEffect, createResource, createSignal, For, on, onMount, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { errorMessageKey } from '../../lib/error-text.ts';
import { settled } from '../../lib/resource.ts';
import { useSession } from '../../lib/session.tsx';
import { type Interview, interviewsApi, localToday } from './interviews-api.ts';

export interface UnitChoice {
  id: string;
  name: string;
}

/**
 * A new record (unit, date, place, interviewee, co-interviewers from the
 * unit's group, tasks concerned) or, given `interview`, its details to
 * change. The recorder is always an interviewer of a new record.
 */
export function InterviewForm(props: {
  roundId: string;
  units: readonly UnitChoice[];
  interview?: Interview;
  onCancel: () => void;
  onSaved: (interview: Interview) => void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const meId = session.user.id;
  const editing = props.interview;
  const [unitId, setUnitId] = createSignal(
    editing?.unit.id ?? (props.units.length === 1 ? props.units[0]!.id : ''),
  );
  const [heldOn, setHeldOn] = createSignal(editing?.heldOn ?? localToday());
  const [place, setPlace] = createSignal(editing?.place ?? '');
  const [name, setName] = createSignal(editing?.interviewee.name ?? '');
  const [post, setPost] = createSignal(editing?.interviewee.post ?? '');
  const [interviewers, setInterviewers] = createSignal<ReadonlySet<string>>(
    new Set(editing ? editing.interviewers.map((p) => p.id) : [meId]),
  );
  const [taskIds, setTaskIds] = createSignal<ReadonlySet<string>>(
    new Set(editing?.tasks.map((x) => x.id) ?? []),
  );
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  let first!: HTMLSelectElement | HTMLInputElement;

  const key = () => (unitId() ? { roundId: props.roundId, unitId: unitId() } : undefined);
  const [people] = createResource(key, (k) => interviewsApi.people(k.roundId, k.unitId));
  const [tasks] = createResource(key, (k) => interviewsApi.tasks(k.roundId, k.unitId));
  // Another unit, other tasks: a new record starts over with them.
  createEffect(
    on(
      unitId,
      () => {
        if (!editing) setTaskIds(new Set<string>());
      },
      { defer: true },
    ),
  );
  onMount(() => first?.focus());

  const toggle = (set: ReadonlySet<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const fail = (key: MessageKey) => {
    setProblem(t(key));
    return false;
  };
  const valid = () => {
    if (!unitId()) return fail('interviews.form.needUnit');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn())) return fail('interviews.form.needDate');
    if (!name().trim()) return fail('interviews.form.needName');
    if (editing && interviewers().size === 0) return fail('interviews.form.needInterviewer');
    return true;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || !valid()) return;
    setBusy(true);
    setProblem(undefined);
    const fields = {
      heldOn: heldOn(),
      place: place().trim(),
      intervieweeName: name().trim(),
      intervieweePost: post().trim(),
      interviewerIds: [...interviewers()],
      taskIds: [...taskIds()],
    };
    try {
      const saved = editing
        ? await interviewsApi.update(editing.id, fields)
        : await interviewsApi.create(props.roundId, {
            ...fields,
            unitId: unitId(),
            interviewerIds: fields.interviewerIds.filter((id) => id !== meId),
          });
      props.onSaved(saved);
    } catch (e) {
      setProblem(`${t('interviews.form.failed')} ${t(errorMessageKey(e))}`);
      setBusy(false);
    }
  };

  return (
    <form
      class="iv-card iv-form"
      aria-labelledby="iv-form-title"
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy()) props.onCancel();
      }}
    >
      <h2 id="iv-form-title" class="iv-card__title">
        {editing ? t('interviews.form.editTitle') : t('interviews.form.newTitle')}
      </h2>
      <div class="iv-form__grid">
        <label class="field iv-form__wide">
          <span class="field__label">{t('interviews.form.unit')}</span>
          <Show
            when={!editing}
            fallback={<input class="input" value={editing?.unit.name ?? ''} disabled />}
          >
            <select
              ref={(el) => {
                first = el;
              }}
              class="input"
              required
              value={unitId()}
              onChange={(e) => setUnitId(e.currentTarget.value)}
            >
              <option value="">{t('interviews.form.unitPick')}</option>
              <For each={props.units}>{(u) => <option value={u.id}>{u.name}</option>}</For>
            </select>
          </Show>
          <Show when={!editing && props.units.length === 0}>
            <span class="iv-form__hint">{t('interviews.form.noUnits')}</span>
          </Show>
        </label>
        <label class="field">
          <span class="field__label">{t('interviews.form.date')}</span>
          <input
            ref={(el) => {
              if (editing) first = el;
            }}
            class="input"
            type="date"
            required
            value={heldOn()}
            onInput={(e) => setHeldOn(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('interviews.form.place')}</span>
          <input
            class="input"
            maxLength={200}
            value={place()}
            onInput={(e) => setPlace(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('interviews.form.intervieweeName')}</span>
          <input
            class="input"
            required
            maxLength={100}
            autocomplete="off"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('interviews.form.intervieweePost')}</span>
          <input
            class="input"
            maxLength={200}
            autocomplete="off"
            value={post()}
            onInput={(e) => setPost(e.currentTarget.value)}
          />
        </label>
      </div>
      <fieldset class="iv-form__set">
        <legend class="field__label">{t('interviews.form.interviewers')}</legend>
        <p class="iv-form__hint">{t('interviews.form.interviewersHint')}</p>
        <Show
          when={unitId()}
          fallback={<p class="iv-form__hint">{t('interviews.form.tasksPickUnit')}</p>}
        >
          <Show
            when={!people.error}
            fallback={<p class="form-problem">{t('interviews.form.peopleError')}</p>}
          >
            <Show
              when={settled(people)}
              fallback={<p class="iv-form__hint">{t('interviews.form.loading')}</p>}
            >
              {(list) => (
                <div class="iv-checks">
                  <For each={list()}>
                    {(p) => (
                      <label class="iv-check">
                        <input
                          type="checkbox"
                          checked={interviewers().has(p.id)}
                          disabled={!editing && p.id === meId}
                          onChange={(e) =>
                            setInterviewers(toggle(interviewers(), p.id, e.currentTarget.checked))
                          }
                        />
                        <span>
                          {p.id === meId
                            ? t('interviews.form.me', { name: p.displayName })
                            : p.displayName}
                        </span>
                      </label>
                    )}
                  </For>
                </div>
              )}
            </Show>
          </Show>
        </Show>
      </fieldset>
      <fieldset class="iv-form__set">
        <legend class="field__label">{t('interviews.form.tasks')}</legend>
        <Show
          when={unitId()}
          fallback={<p class="iv-form__hint">{t('interviews.form.tasksPickUnit')}</p>}
        >
          <Show
            when={!tasks.error}
            fallback={<p class="form-problem">{t('interviews.form.tasksError')}</p>}
          >
            <Show
              when={settled(tasks)}
              fallback={<p class="iv-form__hint">{t('interviews.form.loading')}</p>}
            >
              {(list) => (
                <Show
                  when={list().length > 0}
                  fallback={<p class="iv-form__hint">{t('interviews.form.noTasks')}</p>}
                >
                  <div class="iv-checks iv-checks--tasks">
                    <For each={list()}>
                      {(task) => (
                        <label class="iv-check">
                          <input
                            type="checkbox"
                            checked={taskIds().has(task.id)}
                            onChange={(e) =>
                              setTaskIds(toggle(taskIds(), task.id, e.currentTarget.checked))
                            }
                          />
                          <span class="iv-check__where">{task.where}</span>
                          <span>{task.title}</span>
                        </label>
                      )}
                    </For>
                  </div>
                </Show>
              )}
            </Show>
          </Show>
        </Show>
      </fieldset>
      <Show when={problem()}>
        <p class="form-problem" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="iv-form__actions">
        <button type="button" class="button button--secondary" onClick={() => props.onCancel()}>
          {t('interviews.form.cancel')}
        </button>
        <button type="submit" class="button button--primary" disabled={busy()}>
          {editing
            ? busy()
              ? t('interviews.form.saving')
              : t('interviews.form.save')
            : busy()
              ? t('interviews.form.creating')
              : t('interviews.form.create')}
        </button>
      </div>
    </form>
  );
}
