/* The photo form's upload with a progress bar: a large phone photo on a slow connection takes a
 * while, and a form that seems to do nothing gets submitted twice. The form is sent as the browser
 * would send it, through XMLHttpRequest for its upload events; the answer replaces the page as a
 * normal submit would (the popup's answer closes the popup as usual). Without this script, or
 * without a file chosen, the form submits the ordinary way. */
(function () {
  "use strict";
  var form = document.getElementById("photo_form");
  var file = document.getElementById("id_file");
  if (!form || !file || !window.FormData || !window.XMLHttpRequest) { return; }

  var box = document.createElement("div");
  box.className = "upload-progress";
  box.hidden = true;
  box.innerHTML = '<label for="photo-upload-progress">Mengunggah foto…</label> ' +
    '<progress id="photo-upload-progress" max="100" value="0"></progress> <span aria-live="polite"></span>';
  var bar = box.querySelector("progress");
  var label = box.querySelector("span");
  var row = form.querySelector(".submit-row");
  (row || form).insertAdjacentElement("beforebegin", box);

  function buttons(disabled) {
    Array.prototype.forEach.call(form.querySelectorAll("[type=submit]"), function (button) { button.disabled = disabled; });
  }
  function fail(message) {
    buttons(false);
    box.hidden = false;
    bar.removeAttribute("value");
    label.textContent = message;
    box.classList.add("failed");
  }

  form.addEventListener("submit", function (event) {
    if (!file.files || file.files.length === 0) { return; }
    event.preventDefault();
    var data = new FormData(form);
    var submitter = event.submitter;
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    var request = new XMLHttpRequest();
    request.open("POST", form.action || location.href);
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) { return; }
      var percent = Math.round(progress.loaded / progress.total * 100);
      bar.value = percent;
      label.textContent = percent + "%";
    });
    request.upload.addEventListener("load", function () {
      bar.value = 100;
      label.textContent = "100%, sedang diproses…";
    });
    request.addEventListener("load", function () {
      if (request.status >= 500 || !request.responseText) {
        fail("Unggahan gagal (kode " + request.status + "). Coba lagi; foto belum tersimpan.");
        return;
      }
      // The answer as a normal submit would show it, at the address it came from.
      var url = request.responseURL || location.href;
      document.open();
      document.write(request.responseText);
      document.close();
      if (url !== location.href) { history.replaceState(null, "", url); }
    });
    request.addEventListener("error", function () {
      fail("Koneksi terputus saat mengunggah. Coba lagi; foto belum tersimpan.");
    });
    box.hidden = false;
    box.classList.remove("failed");
    bar.value = 0;
    label.textContent = "0%";
    buttons(true);
    request.send(data);
  });
})();
