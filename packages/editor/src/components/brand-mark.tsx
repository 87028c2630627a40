/** The seal-like product mark: 整 for 整改, in the red of an official chop. */
export function BrandMark(props: { size?: 'sm' | 'lg' }) {
  return (
    <span class={`brand-mark brand-mark--${props.size ?? 'sm'}`} aria-hidden="true">
      整
    </span>
  );
}
