/* Behaviours every page may use, declared in the markup instead of inline handlers (the CSP forbids those).
 *   <select data-submit-on-change>  submits its form when another value is chosen.
 */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
      field.form.requestSubmit();
    }
  });
}());
