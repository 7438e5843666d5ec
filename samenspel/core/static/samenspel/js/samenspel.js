// Progressive enhancement shared by every page. Pages work without it.
(function () {
  "use strict";
  // htmx requests carry the CSRF token from the cookie-less meta-free form field.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
})();

// The main menu folds behind a "Menu" button on narrow screens (CSS decides when).
(function () {
  "use strict";
  function enhance() {
    var nav = document.querySelector(".main-nav");
    var toggle = nav && nav.querySelector(".main-nav__toggle");
    if (!toggle) { return; }
    nav.classList.add("main-nav--enhanced");
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("main-nav--open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();

// In-page actions (htmx) that fail say so, and focus stays where the person is working.
// - No connection, or a 5xx, or a 4xx without a reason: nothing is swapped (the server saved
//   nothing: services are atomic); a sentence appears just above the form and in the live region.
// - A refusal with a reason (a 4xx partial carrying includes/refusal.html, `data-refusal`): the
//   partial is swapped in like a success, its reason is announced and focused.
// - After any swap that took away the focused element, focus goes to the same place in the new
//   content instead of falling back to the page body (WCAG 2.4.3).
// The sentences are translated by Django on the live region (#pagina-melding) in base.html.
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]";
  var pendingFocus = null;

  function liveRegion() { return document.getElementById("pagina-melding"); }

  function announce(text) {
    var region = liveRegion();
    if (!region) { return; }
    // Emptied first, so the same sentence twice in a row is read twice.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function sentence(kind) {
    var region = liveRegion();
    return (region && region.getAttribute("data-" + kind)) || "";
  }

  function clearShown() {
    var shown = document.querySelectorAll("[data-in-page-error]");
    for (var i = 0; i < shown.length; i++) { shown[i].remove(); }
  }

  function showNear(elt, text) {
    clearShown();
    announce(text);
    if (!elt || !elt.parentNode || elt === document.body) { return; }
    var box = document.createElement("div");
    box.className = "utrecht-alert utrecht-alert--error";
    box.setAttribute("data-in-page-error", "");
    box.setAttribute("tabindex", "-1");
    var p = document.createElement("p");
    p.className = "utrecht-paragraph";
    p.textContent = text;
    box.appendChild(p);
    elt.parentNode.insertBefore(box, elt);
    // Focus stays on the button (so Enter tries again) unless it was lost.
    if (!document.activeElement || document.activeElement === document.body) { box.focus(); }
  }

  function refusalIn(html) {
    if (typeof html !== "string" || html.indexOf("data-refusal") === -1) { return null; }
    // DOMParser runs no scripts: the answer is only read here, htmx swaps it.
    var found = new DOMParser().parseFromString(html, "text/html").querySelector("[data-refusal]");
    return found ? found.textContent.trim() : null;
  }

  function focusables(root) {
    return Array.prototype.filter.call(root.querySelectorAll(FOCUSABLE), function (el) {
      return el.getAttribute("tabindex") !== "-1" || el.hasAttribute("data-focus-after-swap");
    });
  }

  document.addEventListener("htmx:beforeRequest", function () { clearShown(); });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var target = detail.target;
    var active = document.activeElement;
    var status = detail.xhr ? detail.xhr.status : 0;
    var reason = null;
    if (status >= 400 && status < 500) {
      reason = refusalIn(detail.serverResponse);
      if (reason) {
        // A refusal with its reason is an answer to show, not a failure to hide.
        detail.shouldSwap = true;
        detail.isError = false;
        announce(reason);
      }
    }
    pendingFocus = null;
    if (detail.shouldSwap && target && target.id && active && target.contains(active)) {
      var list = focusables(target);
      pendingFocus = {
        id: target.id,
        refused: Boolean(reason),
        name: active.getAttribute("name"),
        value: active.getAttribute("value"),
        index: list.indexOf(active)
      };
    }
  });

  // After settling, not swapping: htmx wires up the new content's forms when it settles, so
  // a keyboard user who presses Enter on the newly focused card reaches htmx, not a page reload.
  document.addEventListener("htmx:afterSettle", function () {
    var wanted = pendingFocus;
    pendingFocus = null;
    if (!wanted || (document.activeElement && document.activeElement !== document.body)) { return; }
    var root = document.getElementById(wanted.id);
    if (!root) { return; }
    var choice = wanted.refused ? root.querySelector("[data-refusal]") : root.querySelector("[data-focus-after-swap]");
    if (!choice && wanted.name) {
      var same = root.querySelectorAll("[name]");
      for (var i = 0; i < same.length && !choice; i++) {
        if (same[i].getAttribute("name") === wanted.name && same[i].getAttribute("value") === wanted.value && same[i].type !== "hidden") {
          choice = same[i];
        }
      }
    }
    if (!choice && wanted.index >= 0) { choice = focusables(root)[wanted.index] || null; }
    if (!choice) {
      choice = root;
      if (!root.hasAttribute("tabindex")) { root.setAttribute("tabindex", "-1"); }
    }
    choice.focus();
  });

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    showNear(event.detail.elt, sentence(status >= 500 ? "server" : "refused"));
  });

  document.addEventListener("htmx:sendError", function (event) { showNear(event.detail.elt, sentence("network")); });
  document.addEventListener("htmx:timeout", function (event) { showNear(event.detail.elt, sentence("network")); });
})();

// A field asked only for some answers: `data-hidden-when="verdict_5=neutral"` hides the element
// while that radio button is chosen (the server checks the rule anyway; without JS all is shown).
(function () {
  "use strict";
  function enhance() {
    var dependents = document.querySelectorAll("[data-hidden-when]");
    Array.prototype.forEach.call(dependents, function (dependent) {
      var rule = dependent.getAttribute("data-hidden-when").split("=");
      var form = dependent.closest("form") || document;
      var inputs = form.querySelectorAll("input[name='" + rule[0] + "']");
      function update() {
        var chosen = form.querySelector("input[name='" + rule[0] + "']:checked");
        dependent.hidden = Boolean(chosen && chosen.value === rule[1]);
      }
      Array.prototype.forEach.call(inputs, function (input) { input.addEventListener("change", update); });
      update();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
