import { Icon } from './Icon.js';

interface Props {
  /** The page's h1: give one only when the alert replaces the page. */
  heading?: string;
  message: string;
  /** Extra lines (server detail, reference), shown smaller; `lang` when not in the page's language. */
  notes?: { label: string; text: string; lang?: string; code?: boolean }[];
}

/** An error the user must notice: announced at once (role="alert"). */
export function ErrorAlert({ heading, message, notes = [] }: Props) {
  return (
    <div class="amphi-alert" role="alert">
      <Icon name="alert" size={22} />
      <div>
        {heading && <h1 class="amphi-alert-heading">{heading}</h1>}
        <p>{message}</p>
        {notes.map((note) => (
          <p class="amphi-muted" key={note.label}>
            {note.label}{' '}
            {note.code ? <code lang={note.lang}>{note.text}</code> : <span lang={note.lang}>{note.text}</span>}
          </p>
        ))}
      </div>
    </div>
  );
}
