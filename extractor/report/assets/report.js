// Review pages: highlight -> table row on Enter or click, Escape hides a tooltip, sortable tables.
// Everything here is an enhancement: without it the pages read, link and print the same.
(function () {
  "use strict";

  function goToRow(mark) {
    var row = mark.getAttribute("data-row");
    if (row && document.getElementById(row)) {
      window.location.hash = "#" + row;
    }
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark.stat");
    if (mark && !mark.classList.contains("stat-cont")) { goToRow(mark); }
  });

  document.addEventListener("keydown", function (event) {
    var mark = document.activeElement;
    if (!mark || !mark.matches || !mark.matches("mark.stat")) { return; }
    if (event.key === "Enter") {
      event.preventDefault();
      goToRow(mark);
    } else if (event.key === "Escape") {
      mark.classList.add("tip-dismissed");
    }
  });

  document.addEventListener("focusout", function (event) {
    if (event.target.classList) { event.target.classList.remove("tip-dismissed"); }
  });

  function cellValue(row, column, numeric) {
    var cell = row.cells[column];
    if (!cell) { return numeric ? -Infinity : ""; }
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
    if (numeric) {
      var number = parseFloat(raw);
      return isNaN(number) ? -Infinity : number;
    }
    return raw.trim().toLowerCase();
  }

  function sortBy(table, header, column) {
    var numeric = header.getAttribute("data-sort") === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var headers = table.querySelectorAll("thead th");
    for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute("aria-sort"); }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, index) { row._order = index; });
    rows.sort(function (a, b) {
      var x = cellValue(a, column, numeric), y = cellValue(b, column, numeric);
      var result = x < y ? -1 : x > y ? 1 : a._order - b._order;
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  var tables = document.querySelectorAll("table.sortable");
  for (var t = 0; t < tables.length; t++) {
    (function (table) {
      var headers = table.querySelectorAll("thead th[data-sort]");
      for (var h = 0; h < headers.length; h++) {
        (function (header) {
          var button = document.createElement("button");
          button.type = "button";
          while (header.firstChild) { button.appendChild(header.firstChild); }
          header.appendChild(button);
          button.addEventListener("click", function () { sortBy(table, header, header.cellIndex); });
        })(headers[h]);
      }
    })(tables[t]);
  }

  var hints = document.querySelectorAll(".js-only");
  for (var n = 0; n < hints.length; n++) { hints[n].hidden = false; }
})();
