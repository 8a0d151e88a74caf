// claimgraph: a little progressive enhancement; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Legend checkboxes switch one kind of highlight on and off.
  for (const box of document.querySelectorAll("#legend input[data-kind]")) {
    box.addEventListener("change", () => {
      document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  }
  // Clicking the SHA-256 selects it whole, for copying.
  const sha = document.getElementById("sha");
  if (sha) {
    sha.addEventListener("click", () => {
      const range = document.createRange();
      range.selectNodeContents(sha);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
  }
});

// An upload job's page follows its progress without reloading (the page refreshes itself
// without scripts): the bar, the summary and each file's row.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("job");
  if (!box || box.dataset.state === "finished") return;
  const rows = box.querySelectorAll("#files tbody tr");
  const poll = async () => {
    let job;
    try {
      const r = await fetch("/api/jobs/" + box.dataset.job, {headers: {"Accept": "application/json"}});
      if (!r.ok) return;
      job = await r.json();
    } catch (e) { setTimeout(poll, 2000); return; }
    const bar = document.getElementById("progress");
    bar.value = job.done;
    bar.max = job.total;
    document.getElementById("summary").textContent = job.done + " of " + job.total + " file" + (job.total === 1 ? "" : "s")
      + " processed" + (job.failed ? ", " + job.failed + " failed" : "") + (job.state === "finished" ? " · finished" : "");
    job.files.forEach((f, i) => {
      const row = rows[i];
      if (!row || row.dataset.status === f.status) return;
      row.dataset.status = f.status;
      const badge = row.cells[2].querySelector(".badge");
      badge.textContent = f.status;
      badge.className = "badge" + (f.status === "failed" ? " bad" : f.status === "ingesting" ? " warn" : "");
      const cell = row.cells[3];
      cell.textContent = "";
      f.links.forEach((href, k) => {
        const a = document.createElement("a");
        a.href = href;
        a.textContent = "document " + f.documents[k];
        cell.append(a, " ");
      });
      if (f.reason) {
        const s = document.createElement("span");
        s.className = "warn";
        s.textContent = f.reason;
        cell.append(s);
      }
    });
    box.dataset.state = job.state;
    if (job.state !== "finished") setTimeout(poll, 700);
  };
  setTimeout(poll, 300);
});

// A long text is shown in parts: a link to an item on another part (#c12 from a search, a chart
// or a claim group) lands on this part; the side panel knows which part holds it.
document.addEventListener("DOMContentLoaded", () => {
  const parts = document.getElementById("parts");
  const id = decodeURIComponent(location.hash.slice(1));
  if (!parts || !id || document.getElementById(id)) return;
  const part = JSON.parse(parts.dataset.parts)[id];
  if (part) location.replace("?page=" + part + "#" + encodeURIComponent(id));
});
