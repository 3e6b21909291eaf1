interface Props {
  figures: { id: string; label: string; value: string }[];
}

/** A row of headline numbers, as a description list (each number after what it counts). */
export function KeyFigures({ figures }: Props) {
  return (
    <dl class="amphi-key-figures">
      {figures.map((f) => (
        <div class="amphi-key-figure" key={f.id} data-testid={`figure-${f.id}`}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
