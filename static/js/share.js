/* Copy-link for the share bar. Without JavaScript the link is just the
 * article's own address, which a phone lets the reader copy by holding it. */
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-link]").forEach(function (link) {
    var status = document.getElementById(link.getAttribute("data-copy-link"));
    link.addEventListener("click", function (event) {
      if (!navigator.clipboard) {
        return;
      }
      event.preventDefault();
      navigator.clipboard.writeText(link.href).then(
        function () { status.textContent = "Tautan disalin."; },
        function () { status.textContent = "Tautan tidak dapat disalin; tekan lama tautannya untuk menyalin."; }
      );
    });
  });
}());
