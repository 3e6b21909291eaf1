/** English strings. The source catalog: fr.ts must have exactly these keys. */
export const en = {
  'app.name': 'Amphi',
  'app.skipToContent': 'Skip to main content',
  'app.defaultTitle': 'Amphi',
  'app.loading': 'Opening your session…',

  'display.toolbar': 'Display settings',
  'display.theme': 'Colour theme',
  'display.theme.light': 'Light',
  'display.theme.dark': 'Dark',
  'display.dyslexia': 'Dyslexia-friendly',

  'summary.heading': 'About this launch',
  'summary.user': 'Signed in as',
  'summary.anonymous': 'anonymous',
  'summary.role': 'Role',
  'summary.course': 'Course',
  'summary.noCourse': 'No course',
  'summary.platform': 'Platform',
  'summary.locale': 'Language',

  'role.admin': 'Administrator',
  'role.instructor': 'Teacher',
  'role.learner': 'Student',

  'language.en': 'English',
  'language.fr': 'French',

  'route.resource.heading': 'Resource received',
  'route.resource.body':
    'Amphi received the launch for this resource. Its own page (video, virtual classroom or dashboard) will appear here in a coming version.',
  'route.resource.id': 'Resource identifier',

  'route.unconfigured.staff.heading': 'This link is not set up yet',
  'route.unconfigured.staff.body':
    'Once content selection is available in Amphi, you will choose here what this link opens: a video, a virtual classroom or a dashboard.',
  'route.unconfigured.learner.heading': 'This activity is not ready yet',
  'route.unconfigured.learner.body': 'Your teacher has not finished setting it up. Please come back later.',

  'route.deepLinking.heading': 'Content selection request',
  'route.deepLinking.body':
    '{platform} asked Amphi to choose content to add to your course. Choosing content is not available yet: it comes in a later version of Amphi.',
  'route.deepLinking.nothingAdded': 'Nothing has been added to your course.',

  'error.heading': 'Amphi could not open your session',
  'error.noBootstrap': 'This page works only when opened from a course activity. Open the activity again from your course.',
  'error.session-required': 'Your Amphi session is missing or has expired. Open the activity again from the course.',
  'error.forbidden': 'Your role in this course does not allow this.',
  'error.network': 'Amphi could not be reached. Check your connection, then open the activity again.',
  'error.generic': 'Something went wrong on Amphi’s side. Please try again in a moment.',
  'error.details': 'Details:',
  'error.reference': 'Reference:',
  'session.expired': 'Your session has ended. Open the activity again from your course to continue.',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
