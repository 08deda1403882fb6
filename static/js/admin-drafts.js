/* After an article form was submitted: if the next page shows no form errors, the save went
 * through, and the copy that article-autosave.js kept in this browser is no longer needed. */
(function () {
  "use strict";
  var key = window.sessionStorage && sessionStorage.getItem("detakbanten:dikirim");
  if (!key) { return; }
  if (!document.querySelector(".errornote, .errorlist")) { localStorage.removeItem(key); }
  sessionStorage.removeItem("detakbanten:dikirim");
})();
