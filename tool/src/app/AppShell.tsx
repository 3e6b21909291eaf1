import type { ComponentChildren } from 'preact';
import { AppHeader } from './AppHeader.js';
import { SkipLink } from './SkipLink.js';

interface Props {
  user?: ComponentChildren;
  /** The administration page's entry, for a platform administrator's launch. */
  admin?: ComponentChildren;
  language: ComponentChildren;
  children: ComponentChildren;
}

/** Every page's frame: the skip link first, the header, then the main content it jumps to. */
export function AppShell({ user, admin, language, children }: Props) {
  return (
    <>
      <SkipLink targetId="main" />
      <AppHeader user={user} admin={admin} language={language} />
      <main id="main" class="amphi-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
