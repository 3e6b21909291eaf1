interface Props {
  id: string;
  heading: string;
  /** Said instead of the list when it is empty (good news, usually). */
  empty: string;
  names: { key: string; text: string }[];
  testId: string;
}

/** A titled list of names (resources nobody opened, learners who never came). */
export function NameList({ id, heading, empty, names, testId }: Props) {
  return (
    <section class="amphi-stack" aria-labelledby={id} data-testid={testId}>
      <h4 id={id}>{heading}</h4>
      {names.length ? (
        <ul class="amphi-name-list">
          {names.map((n) => (
            <li key={n.key}>{n.text}</li>
          ))}
        </ul>
      ) : (
        <p class="amphi-muted">{empty}</p>
      )}
    </section>
  );
}
