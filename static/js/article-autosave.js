/* Keeps what an editor types in this browser, so a closed tab or a lost connection loses nothing.
 * Every few seconds the article form (CKEditor body included) is copied to localStorage; when the
 * form is opened again with unsaved text, a banner offers to restore it. */
(function () {
  "use strict";
  var form = document.getElementById("article_form");
  if (!form || !window.localStorage) { return; }
  // Per account: on a shared newsroom computer one person's unsaved text is not offered to the next.
  var user = (document.currentScript && document.currentScript.getAttribute("data-user")) || "";
  var KEY = "detakbanten:naskah:" + user + ":" + location.pathname;
  var FIELDS = ["headline", "slug", "subtitle", "lead", "body"];
  // The version the text was typed against goes back with it, so restoring old text
  // over someone's newer save meets the server's conflict check instead of overwriting.
  var VERSION = "base_version";
  var INTERVAL = 3000;
  var baseline = null;

  function editor() {
    return window.CKEDITOR && CKEDITOR.instances && CKEDITOR.instances.id_body;
  }
  function read(name) {
    if (name === "body" && editor()) { return editor().getData(); }
    var field = form.elements[name];
    return field ? field.value : "";
  }
  function write(name, value) {
    if (name === "body" && editor()) { editor().setData(value); return; }
    var field = form.elements[name];
    if (field) { field.value = value; }
  }
  function snapshot() {
    var data = {};
    FIELDS.forEach(function (name) { data[name] = read(name); });
    return JSON.stringify(data);
  }
  function version() {
    var field = form.elements[VERSION];
    return field ? field.value : "";
  }
  function stored() {
    try { return JSON.parse(localStorage.getItem(KEY)); } catch (error) { return null; }
  }
  function save() {
    var now = snapshot();
    if (baseline === null || now === baseline) { return; }
    localStorage.setItem(KEY, JSON.stringify({ savedAt: new Date().toISOString(), version: version(), data: now }));
  }
  function offer(draft) {
    var banner = document.createElement("div");
    banner.className = "autosave-banner messagelist";
    banner.setAttribute("role", "alert");
    var when = new Date(draft.savedAt).toLocaleString("id-ID", { dateStyle: "full", timeStyle: "short" });
    banner.innerHTML = '<p class="warning">Ada teks yang belum tersimpan di peramban ini dari <strong></strong>. ' +
      '<button type="button" class="button" data-autosave="restore">Pulihkan teks</button> ' +
      '<button type="button" class="button" data-autosave="discard">Buang</button></p>';
    banner.querySelector("strong").textContent = when;
    banner.addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-autosave");
      if (!action) { return; }
      if (action === "restore") {
        var data = JSON.parse(draft.data);
        FIELDS.forEach(function (name) { if (name in data) { write(name, data[name]); } });
        if (draft.version && form.elements[VERSION]) { form.elements[VERSION].value = draft.version; }
      } else {
        localStorage.removeItem(KEY);
      }
      banner.remove();
    });
    form.parentNode.insertBefore(banner, form);
  }
  function start() {
    baseline = snapshot();
    var draft = stored();
    if (draft && draft.data !== baseline) { offer(draft); }
    // Tells tests (and curious editors' devtools) that the stored copy has been looked at.
    form.setAttribute("data-autosave", "ready");
    setInterval(save, INTERVAL);
    window.addEventListener("beforeunload", save);
    form.addEventListener("submit", function () {
      save();
      // Cleared by admin-drafts.js on the next page, once the save went through.
      sessionStorage.setItem("detakbanten:dikirim", KEY);
    });
  }
  function whenEditorReady() {
    var instance = editor();
    if (document.getElementById("id_body") && window.CKEDITOR && !instance) { return setTimeout(whenEditorReady, 100); }
    if (instance && instance.status !== "ready") { return instance.on("instanceReady", start); }
    start();
  }
  whenEditorReady();
})();
