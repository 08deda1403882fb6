/* Who else has this article's form open. While the form is open it tells the server so every few
 * seconds (data-interval) and shows the others the server names; when the page goes away it says
 * so at once (navigator.sendBeacon), so the warning on a colleague's form ends with it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("article_form");
  var warning = document.querySelector(".presence-warning");
  if (!script || !form || !warning || !window.fetch) { return; }
  var heartbeat = script.getAttribute("data-heartbeat");
  var leave = script.getAttribute("data-leave");
  var interval = Math.max(1, parseInt(script.getAttribute("data-interval"), 10) || 30) * 1000;
  var timer = null;

  function token() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function body() {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token());
    return data;
  }
  function show(others) {
    warning.textContent = "";
    others.forEach(function (name) {
      var item = document.createElement("li");
      item.className = "warning";
      item.textContent = name + " membuka berita ini sekarang. Bila Anda berdua menyimpan, yang kedua akan " +
        "diminta meninjau perubahan.";
      warning.appendChild(item);
    });
    warning.hidden = others.length === 0;
  }
  function beat() {
    fetch(heartbeat, { method: "POST", body: body(), credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) { if (answer && answer.others) { show(answer.others); } })
      .catch(function () { /* Offline for a moment: the next beat tries again. */ });
  }
  function start() {
    if (timer === null) { timer = setInterval(beat, interval); }
  }
  window.addEventListener("pagehide", function () {
    clearInterval(timer);
    timer = null;
    if (navigator.sendBeacon) { navigator.sendBeacon(leave, body()); }
  });
  // Back from the browser's back-forward cache: the form is open again.
  window.addEventListener("pageshow", function (event) { if (event.persisted) { beat(); start(); } });
  start();
})();
