// Live validation of the annual report workspace: after a pause in typing, the narrative as
// typed is sent to the server, which runs every rule (T1 included) and returns the findings.
(function () {
  "use strict";
  var form = document.getElementById("narrative-form");
  var target = document.getElementById("live-findings");
  if (!form || !target) return;
  var url = form.getAttribute("data-validate-url");
  var timer = null;
  var pending = null;
  function validate() {
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      signal: pending.signal,
    })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) target.innerHTML = html; })
      .catch(function () { /* aborted or offline: keep the last findings */ });
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(validate, 600);
  });
})();
