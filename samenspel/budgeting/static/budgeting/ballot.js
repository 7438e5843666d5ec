// Live total of the chosen plans on a budget ballot. The server checks again.
(function () {
  "use strict";
  var form = document.querySelector(".ballot-form");
  if (!form || !form.dataset.budget) { return; }
  var budget = parseInt(form.dataset.budget, 10);
  var output = form.querySelector("[data-ballot-total]");
  var line = output && output.parentNode;
  // The page's language decides the money format, as core.formats.money does on the server.
  var locale = document.documentElement.lang === "en" ? "en-GB" : "nl-NL";
  var euro = new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  function update() {
    var total = 0;
    form.querySelectorAll("input[data-cost]:checked").forEach(function (box) { total += parseInt(box.dataset.cost, 10); });
    output.textContent = euro.format(total);
    line.classList.toggle("ballot-total--over", total > budget);
  }
  if (line) {
    line.hidden = false;
    form.addEventListener("change", update);
    update();
  }
})();
