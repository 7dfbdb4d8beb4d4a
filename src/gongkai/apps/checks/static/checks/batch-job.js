// The batch job page (checks/batch_job.html): while the job runs, ask its status every
// second and show the progress; once it is finished, load the page again for the result.
(function () {
  "use strict";
  var box = document.getElementById("batch-progress");
  if (!box || box.dataset.finished === "1") {
    return;
  }
  var url = box.dataset.statusUrl;
  var status = box.querySelector("[data-testid=job-status]");
  var count = box.querySelector("[data-testid=job-progress]");
  var bar = box.querySelector("progress");

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (!job) {
          window.setTimeout(poll, 3000);
          return;
        }
        if (job.finished) {
          window.location.reload();
          return;
        }
        status.textContent = job.label;
        status.dataset.status = job.status;
        var total = job.total === null ? "?" : String(job.total);
        count.textContent = count.dataset.template
          .replace("{done}", String(job.done))
          .replace("{total}", total);
        bar.max = job.total || 1;
        bar.value = job.done;
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, 1000);
})();
