// 登记答复: when the clerk chooses an outcome, fill in its legal basis and standard wording
// (the help list beside the form, rendered by the server, holds them in data attributes).
// A field the clerk has edited is left alone; the page works without this script.
(function () {
  "use strict";
  var outcome = document.querySelector("[data-reply-outcome]");
  var basis = document.querySelector("[data-reply-basis]");
  var text = document.querySelector("[data-reply-text]");
  var help = document.querySelector("[data-reply-help]");
  if (!outcome || !basis || !text || !help) {
    return;
  }
  var filled = { basis: basis.value, text: text.value };

  function entry(key) {
    var items = help.querySelectorAll("[data-outcome]");
    for (var i = 0; i < items.length; i += 1) {
      if (items[i].getAttribute("data-outcome") === key) {
        return items[i];
      }
    }
    return null;
  }

  outcome.addEventListener("change", function () {
    var item = entry(outcome.value);
    var details = help.querySelectorAll("details");
    for (var i = 0; i < details.length; i += 1) {
      details[i].open = item !== null && item.contains(details[i]);
    }
    if (!item) {
      return;
    }
    if (basis.value === "" || basis.value === filled.basis) {
      basis.value = item.getAttribute("data-basis");
      filled.basis = basis.value;
    }
    if (text.value === "" || text.value === filled.text) {
      text.value = item.getAttribute("data-wording");
      filled.text = text.value;
    }
  });
})();
