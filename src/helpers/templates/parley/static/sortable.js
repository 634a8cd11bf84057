(() => {
  "use strict";
  // Sorts <table data-sortable> by the clicked header. A cell's data-sort attribute, when
  // present, is its sort key (ISO dates, raw numbers); empty keys stay last in both directions.
  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  const keyOf = (cell) => (cell ? (cell.dataset.sort ?? cell.textContent.trim()) : "");
  const compare = (x, y) => {
    const nx = Number(x);
    const ny = Number(y);
    return Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : collator.compare(x, y);
  };
  const sortTable = (table, index, header) => {
    const body = table.tBodies[0];
    if (!body) return;
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const th of header.parentElement.cells) th.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const x = keyOf(a.cells[index]);
      const y = keyOf(b.cells[index]);
      if (x === "" || y === "") return (x === "") - (y === "");
      return ascending ? compare(x, y) : compare(y, x);
    });
    body.append(...rows);
  };
  for (const table of document.querySelectorAll("table[data-sortable]")) {
    if (!table.tHead || !table.tHead.rows.length) continue;
    table.classList.add("is-sortable");
    Array.from(table.tHead.rows[0].cells).forEach((header, index) => {
      const button = header.querySelector("button.sort");
      if (button) button.addEventListener("click", () => sortTable(table, index, header));
    });
  }
})();
