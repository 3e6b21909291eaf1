/** A form field's problem; `lang` when it is the server's English words. */
export interface FieldMessage {
  text: string;
  lang?: string;
}

/** The message under a field, referenced by the field's aria-describedby. */
export function FieldError({ id, error }: { id: string; error: FieldMessage }) {
  return (
    <p id={id} class="amphi-field-error" lang={error.lang}>
      {error.text}
    </p>
  );
}
