/**
 * Sends the LtiDeepLinkingResponse to the platform as LTI-DL 2.0 §4.2 asks: an auto-submitted
 * form POST of the signed `JWT` to deep_link_return_url. In this same frame: Moodle opens the
 * picker in a modal iframe and its return page, loaded there, closes the modal and adds the
 * activities.
 */
export function postToPlatform(returnUrl: string, jwt: string, doc: Document = document): void {
  const form = doc.createElement('form');
  form.method = 'post';
  form.action = returnUrl;
  form.hidden = true;
  const field = doc.createElement('input');
  field.type = 'hidden';
  field.name = 'JWT';
  field.value = jwt;
  form.append(field);
  doc.body.append(form);
  form.submit();
}
