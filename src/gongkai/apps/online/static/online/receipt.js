// The receipt (回执) of an online application: copy a code, print the page.
// Loaded as a static file (CSP script-src 'self': no inline script).
(function () {
  "use strict";

  function announce(button, text) {
    var status = document.getElementById("gk-copy-status");
    button.textContent = text;
    if (status) {
      status.textContent = text;
    }
  }

  function selectAndCopy(source) {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    return done;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) {
        return;
      }
      var text = source.textContent.trim();
      var copied = button.getAttribute("data-copied");
      var failed = button.getAttribute("data-failed");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () {
            announce(button, copied);
          },
          function () {
            announce(button, selectAndCopy(source) ? copied : failed);
          }
        );
      } else {
        announce(button, selectAndCopy(source) ? copied : failed);
      }
      return;
    }
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
