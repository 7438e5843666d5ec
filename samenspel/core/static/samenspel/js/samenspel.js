// Progressive enhancement shared by every page. Pages work without it.
(function () {
  "use strict";
  // htmx requests carry the CSRF token from the cookie-less meta-free form field.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
})();
