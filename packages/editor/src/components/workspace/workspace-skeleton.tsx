import '../../styles/states.css';
import './workspace.css';

/** The workspace's frame while the statement version loads, so nothing jumps when it lands. */
export function WorkspaceSkeleton(props: { label: string }) {
  const lines = (n: number) =>
    Array.from({ length: n }, (_, i) => (
      <div class="skeleton-line" classList={{ 'skeleton-line--short': i % 3 === 2 }} />
    ));
  return (
    <div class="ws ws--loading" role="status" aria-live="polite">
      <span class="visually-hidden">{props.label}</span>
      <div class="ws-head" aria-hidden="true">
        <div class="ws-head__main">
          <div class="skeleton-line skeleton-line--short" />
          <div class="skeleton-line skeleton-line--title" />
        </div>
      </div>
      <div class="ws-grid" aria-hidden="true">
        <section class="ws-col">
          <div class="ws-skeleton">{lines(9)}</div>
        </section>
        <section class="ws-col">
          <div class="ws-skeleton">{lines(5)}</div>
        </section>
        <section class="ws-col">
          <div class="ws-skeleton">{lines(6)}</div>
        </section>
      </div>
    </div>
  );
}
