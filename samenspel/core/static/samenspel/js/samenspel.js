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
