// LTI Dynamic Registration §3.7: tell the platform the registration is over so it closes our window.
// A separate file because the Content-Security-Policy forbids inline scripts.
(function () {
  var target = window.opener || (window.parent !== window ? window.parent : null);
  function close() {
    if (target) target.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
  }
  var button = document.getElementById('amphi-close');
  if (button) button.addEventListener('click', close);
  close();
})();
