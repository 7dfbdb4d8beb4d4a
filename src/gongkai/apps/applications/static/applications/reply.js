// 登记答复: when the clerk chooses an outcome, fill in its legal basis and standard wording
// (the help list beside the form, rendered by the server, holds them in data attributes).
// A field the clerk has written or edited is left alone: only an empty field, or one still
// holding the untouched standard text of some outcome, is replaced. The page works without
// this script (each entry of the list has a link that fills the form on the server).
(function () {
  "use strict";
  var outcome = document.querySelector("[data-reply-outcome]");
  var basis = document.querySelector("[data-reply-basis]");
  var text = document.querySelector("[data-reply-text]");
  var help = document.querySelector("[data-reply-help]");
  if (!outcome || !basis || !text || !help) {
    return;
  }
  var items = help.querySelectorAll("[data-outcome]");

  function standard(value, attribute) {
    if (value.trim() === "") {
      return true;
    }
    for (var i = 0; i < items.length; i += 1) {
      if (items[i].getAttribute(attribute) === value) {
        return true;
      }
    }
    return false;
  }

  outcome.addEventListener("change", function () {
    var chosen = null;
    for (var i = 0; i < items.length; i += 1) {
      var match = items[i].getAttribute("data-outcome") === outcome.value;
      var details = items[i].querySelector("details");
      if (details) {
        details.open = match;
      }
      if (match) {
        chosen = items[i];
      }
    }
    if (!chosen) {
      return;
    }
    if (standard(basis.value, "data-basis")) {
      basis.value = chosen.getAttribute("data-basis");
    }
    if (standard(text.value, "data-wording")) {
      text.value = chosen.getAttribute("data-wording");
    }
  });
})();
