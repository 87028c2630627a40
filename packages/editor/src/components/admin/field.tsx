import { createUniqueId, type JSX, Show } from 'solid-js';

/**
 * A labelled form control with its hint and its error, wired for screen
 * readers (`aria-describedby`, `aria-invalid`). The control comes from the
 * caller, who spreads the attributes it is given.
 */
export function Field(props: {
  /** A fixed id, for focusing the control after a failed check. */
  id?: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  class?: string;
  children: (attrs: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => JSX.Element;
}) {
  const id = props.id ?? createUniqueId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = () =>
    [props.error ? errorId : '', props.hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field adm-field ${props.class ?? ''}`}>
      <label class="field__label" for={id}>
        {props.label}
      </label>
      {props.children({
        id,
        get 'aria-invalid'() {
          return !!props.error;
        },
        get 'aria-describedby'() {
          return describedBy();
        },
      })}
      <Show when={props.hint}>
        <p class="adm-field__hint" id={hintId}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="adm-field__error" id={errorId}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
