/* Sort the district table by a column: progressive enhancement of a static page.
   Without scripts the table keeps its printed order (teams needing attention first) and the
   headings stay plain text. With them, each sortable heading becomes a button; pressing it sorts
   by that column (again: the other way), aria-sort says how the table is sorted, and a live
   region tells screen readers. Cells sort by data-sort; an empty data-sort (no value) always
   sorts last. */
(function () {
  "use strict";
  var table = document.getElementById("district-table");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var headings = Array.prototype.slice.call(table.querySelectorAll("thead th[data-sort-type]"));
  var status = document.getElementById("sort-status");
  var hint = document.getElementById("sort-hint");
  if (hint) { hint.hidden = false; }

  function key(row, index, type) {
    var cell = row.cells[index];
    var raw = cell ? cell.getAttribute("data-sort") : null;
    if (raw === null) { raw = cell ? cell.textContent.trim() : ""; }
    if (raw === "") { return null; }
    if (type === "number") {
      var number = parseFloat(raw);
      return isNaN(number) ? null : number;
    }
    return raw.toLocaleLowerCase();
  }

  function sortBy(heading, ascending) {
    var index = heading.cellIndex;
    var type = heading.getAttribute("data-sort-type");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, index, type), y = key(b, index, type);
      if (x === null || y === null) { return x === y ? 0 : (x === null ? 1 : -1); }
      var order = type === "number" ? x - y : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    if (status) {
      status.textContent = "Sorted by " + heading.getAttribute("data-label") +
        (ascending ? ", lowest or A first." : ", highest or Z first.");
    }
  }

  headings.forEach(function (heading) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (heading.firstChild) { button.appendChild(heading.firstChild); }
    var arrow = document.createElement("span");
    arrow.className = "arrow";
    arrow.setAttribute("aria-hidden", "true");
    button.appendChild(arrow);
    heading.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(heading, heading.getAttribute("aria-sort") !== "ascending");
    });
  });
}());
