/* Counts a read once the reader sees the article: not while the page is prerendered or
 * prefetched, and once an hour per story in this browser. The page itself may come from a
 * cache, so the count cannot be taken when it is rendered. */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-beacon");
  if (!url || !navigator.sendBeacon) { return; }
  var key = "detakbanten:dibaca:" + url;
  var HOUR = 3600 * 1000;

  function send() {
    try {
      var last = Number(localStorage.getItem(key));
      if (last && Date.now() - last < HOUR) { return; }
      localStorage.setItem(key, String(Date.now()));
    } catch (error) { /* private mode: the server still counts a reader once an hour */ }
    navigator.sendBeacon(url);
  }
  function whenShown() {
    if (document.visibilityState === "visible") { send(); return; }
    document.addEventListener("visibilitychange", function shown() {
      if (document.visibilityState !== "visible") { return; }
      document.removeEventListener("visibilitychange", shown);
      send();
    });
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", whenShown, { once: true });
  } else {
    whenShown();
  }
}());
