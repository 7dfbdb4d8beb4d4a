/* Findings in the report tables (checks/_report_tables.html): following a finding's link to a
   cell (#cell-…) opens the cell's explanation and moves the focus to it. Without this script
   the link still scrolls to the cell, whose explanation opens on a tap or Enter. */
(function () {
  "use strict";
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("cell-") !== 0) {
      return;
    }
    var cell = document.getElementById(id);
    var details = cell ? cell.querySelector("details.cell-note") : null;
    if (!details) {
      return;
    }
    details.open = true;
    details.querySelector("summary").focus();
  }
  window.addEventListener("hashchange", openTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", openTarget);
  } else {
    openTarget();
  }
})();
