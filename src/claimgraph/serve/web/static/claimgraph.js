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
