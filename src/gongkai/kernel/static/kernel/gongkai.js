// Behaviour the templates declare with data attributes, so that no page needs an inline event
// handler (the Content-Security-Policy allows only script files of our own: script-src 'self').
//   data-confirm="问题"   a button or link asks before it acts;
//   data-autosubmit       a select submits its form when it changes.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.hasAttribute && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.submit();
    }
  });
})();
