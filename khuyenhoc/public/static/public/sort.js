// Sorts the overview table in place when a column heading is clicked. Without this
// script the heading links reload the page sorted on the server (?sap_xep=…).
(function () {
  "use strict";
  var table = document.getElementById("bang-tong-hop");
  if (!table) return;
  var body = table.tBodies[0];
  var textKeys = { "ten": true, "xep-hang": true };

  function value(row, key) {
    var cell = row.querySelector('[data-k="' + key + '"]');
    var raw = cell ? cell.getAttribute("data-v") : "";
    if (raw === "") return null;
    return key === "ten" ? raw : parseFloat(raw);
  }

  table.querySelectorAll("thead a[data-sort]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var key = link.getAttribute("data-sort");
      var th = link.closest("th");
      var current = th.getAttribute("aria-sort");
      var ascending = current ? current !== "ascending" : !!textKeys[key];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = value(a, key), y = value(b, key);
        if (x === null && y === null) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        var order = key === "ten" ? x.localeCompare(y, "vi") : x - y;
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      table.querySelectorAll("thead th[aria-sort]").forEach(function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var url = new URL(window.location.href);
      url.searchParams.set("sap_xep", (ascending ? "" : "-") + key);
      window.history.replaceState(null, "", url);
      event.preventDefault();
    });
  });
})();
