/* The article form's live counts: characters of the headline, summary, SEO title and meta
 * description (against the recommended limit where there is one), and the words of the body as
 * CKEditor holds them. The SEO fields show what they default to while they are empty. */
(function () {
  "use strict";
  var WORDS_PER_MINUTE = 200;

  function format(number) { return number.toLocaleString("id-ID"); }

  function counter(field) {
    var limit = parseInt(field.getAttribute("data-count"), 10) || 0;
    var output = document.createElement("span");
    output.className = "char-count";
    output.id = field.id + "_count";
    output.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", output);
    field.setAttribute("aria-describedby", ((field.getAttribute("aria-describedby") || "") + " " + output.id).trim());
    function update() {
      var length = field.value.length;
      output.textContent = format(length) + " karakter" + (limit ? " (disarankan paling banyak " + limit + ")" : "");
      output.classList.toggle("over-limit", limit > 0 && length > limit);
    }
    field.addEventListener("input", update);
    update();
  }

  function defaults(field) {
    var source = document.getElementById(field.getAttribute("data-default-from"));
    if (!source) { return; }
    source.addEventListener("input", function () { field.placeholder = source.value; });
  }

  function words(html) {
    // DOMParser's document is inert: no image in the text loads, no handler runs.
    var spaced = html.replace(/<\/(p|h\d|li|blockquote|div|figcaption)>|<br\s*\/?>/gi, " ");
    var text = (new DOMParser().parseFromString(spaced, "text/html").body.textContent || "").replace(/\u00a0/g, " ").trim();
    return text ? text.split(/\s+/).length : 0;
  }

  function bodyCount() {
    var textarea = document.getElementById("id_body");
    if (!textarea) { return; }
    var output = document.createElement("p");
    output.className = "word-count help";
    output.id = "id_body_count";
    output.setAttribute("aria-live", "polite");
    var row = textarea.closest(".form-row") || textarea.parentNode;
    row.appendChild(output);
    function show(html) {
      var count = words(html);
      output.textContent = "Isi: " + format(count) + " kata, sekitar " +
        Math.max(1, Math.ceil(count / WORDS_PER_MINUTE)) + " menit membaca.";
    }
    show(textarea.value);
    function attach(editor) {
      var pending = null;
      function later() {
        // getData() serialises the whole body: once per pause in typing, not on every key.
        if (pending) { return; }
        pending = setTimeout(function () { pending = null; show(editor.getData()); }, 200);
      }
      editor.on("change", later);
      editor.on("key", later);
      editor.on("instanceReady", function () { show(editor.getData()); });
      output.setAttribute("data-editor", "attached");
    }
    if (window.CKEDITOR) {
      if (CKEDITOR.instances.id_body) { attach(CKEDITOR.instances.id_body); }
      CKEDITOR.on("instanceCreated", function (event) { if (event.editor.name === "id_body") { attach(event.editor); } });
    } else {
      textarea.addEventListener("input", function () { show(textarea.value); });
    }
  }

  function grow(field) {
    // The whole headline in view however long it is: the field is as tall as its text.
    function fit() {
      field.style.height = "auto";
      field.style.height = field.scrollHeight + (field.offsetHeight - field.clientHeight) + "px";
    }
    field.addEventListener("input", fit);
    window.addEventListener("resize", fit);
    fit();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("#article_form textarea.headline-input"), grow);
    Array.prototype.forEach.call(document.querySelectorAll("#article_form [data-count]"), counter);
    Array.prototype.forEach.call(document.querySelectorAll("#article_form [data-default-from]"), defaults);
    bodyCount();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
