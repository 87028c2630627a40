import type { User } from '@rectify/domain';
import { For } from 'solid-js';
import type { Unit } from './admin-api.ts';
import { personLabel, pickableUsers } from './round-setup.ts';

/** A native select: keyboard and screen readers know it; type-ahead finds names. */
export function UserSelect(props: {
  users: readonly User[];
  value: string;
  onChange: (id: string) => void;
  /** Set when a <label for> names the select; otherwise `label` does. */
  id?: string;
  label?: string;
  placeholder: string;
  exclude?: ReadonlySet<string>;
}) {
  return (
    <select
      id={props.id}
      class="input adm-select"
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      <option value="">{props.placeholder}</option>
      <For each={pickableUsers(props.users).filter((u) => !props.exclude?.has(u.id))}>
        {(u) => <option value={u.id}>{personLabel(u)}</option>}
      </For>
    </select>
  );
}

export function UnitSelect(props: {
  units: readonly Unit[];
  value: string;
  onChange: (id: string) => void;
  id?: string;
  label?: string;
  placeholder: string;
}) {
  return (
    <select
      id={props.id}
      class="input adm-select"
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      <option value="">{props.placeholder}</option>
      <For each={props.units}>{(u) => <option value={u.id}>{u.name}</option>}</For>
    </select>
  );
}
