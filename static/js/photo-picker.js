// The photo library as thumbnails with search and pages (news/photo_picker.py answers in JSON).
// Shared by CKEditor's "Pustaka foto" button (static/news/ckeditor/fotopustaka/) and the
// lead-photo field (static/js/lead-photo-picker.js). Text goes in as text, never as markup.
(function () {
  "use strict";

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  // options: url, onSelect(photo or null), onChoose(photo) (a double click or Enter on a photo).
  function PhotoPicker(container, options) {
    var selected = null;
    var request = 0;
    var timer = null;
    var state = { q: "", page: 1 };

    container.textContent = "";
    container.classList.add("photo-picker");
    var label = element("label", { "class": "photo-picker-label" }, "Cari foto (keterangan, teks alternatif, atau kredit)");
    var search = element("input", { type: "search", "class": "photo-picker-search", autocomplete: "off" });
    label.appendChild(search);
    var status = element("p", { "class": "photo-picker-status", role: "status", "aria-live": "polite" });
    var grid = element("ul", { "class": "photo-picker-grid" });
    var pager = element("p", { "class": "photo-picker-pager" });
    var previous = element("button", { type: "button", "class": "button photo-picker-previous" }, "\u2190 Sebelumnya");
    var position = element("span", { "class": "photo-picker-position" });
    var next = element("button", { type: "button", "class": "button photo-picker-next" }, "Berikutnya \u2192");
    pager.append(previous, position, next);
    container.append(label, status, grid, pager);

    function select(photo, button) {
      selected = photo;
      grid.querySelectorAll("button[aria-pressed=true]").forEach(function (other) {
        other.setAttribute("aria-pressed", "false");
      });
      if (button) {
        button.setAttribute("aria-pressed", "true");
      }
      if (options.onSelect) {
        options.onSelect(photo);
      }
    }

    function tile(photo) {
      var item = element("li");
      var button = element("button", { type: "button", "class": "photo-picker-photo", "aria-pressed": "false", "data-photo": String(photo.id) });
      var image = element("img", { src: photo.thumbnail, alt: "", width: "120", height: "120", loading: "lazy" });
      var caption = element("span", { "class": "photo-picker-caption" }, photo.caption || photo.alt);
      var credit = element("span", { "class": "photo-picker-credit" }, "Foto: " + photo.credit);
      button.append(image, caption, credit);
      button.addEventListener("click", function () { select(photo, button); });
      button.addEventListener("dblclick", function () {
        select(photo, button);
        if (options.onChoose) {
          options.onChoose(photo);
        }
      });
      item.appendChild(button);
      return item;
    }

    function load() {
      var number = ++request;
      var query = new URLSearchParams({ q: state.q, page: String(state.page) });
      status.textContent = "Memuat foto\u2026";
      container.setAttribute("aria-busy", "true");
      return fetch(options.url + "?" + query.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (data) {
          if (number !== request) {
            return;  // an older answer, overtaken by newer words
          }
          select(null, null);
          grid.textContent = "";
          data.results.forEach(function (photo) { grid.appendChild(tile(photo)); });
          state.page = data.page;
          if (!data.count) {
            status.textContent = data.q ? "Tidak ada foto yang cocok dengan \u201c" + data.q + "\u201d." : "Pustaka foto masih kosong.";
          } else {
            status.textContent = data.count + " foto" + (data.q ? " cocok dengan \u201c" + data.q + "\u201d" : " di pustaka") + ". Klik satu foto untuk memilihnya.";
          }
          position.textContent = data.pages > 1 ? "Halaman " + data.page + " dari " + data.pages : "";
          previous.disabled = !data.previous;
          next.disabled = !data.next;
          pager.hidden = data.pages <= 1;
          container.removeAttribute("aria-busy");
        })
        .catch(function () {
          if (number === request) {
            status.textContent = "Pustaka foto tidak dapat dimuat. Periksa sambungan lalu coba lagi.";
            container.removeAttribute("aria-busy");
          }
        });
    }

    // "input" rather than key events: pasting and phone keyboards change the words too.
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state = { q: search.value, page: 1 };
        load();
      }, 250);
    });
    search.addEventListener("keydown", function (event) {
      // Enter searches now; it must not submit the article form or press the dialog's OK.
      if (event.key === "Enter") {
        event.preventDefault();
        event.stopPropagation();
        clearTimeout(timer);
        state = { q: search.value, page: 1 };
        load();
      }
    });
    previous.addEventListener("click", function () { state.page -= 1; load(); });
    next.addEventListener("click", function () { state.page += 1; load(); });

    return {
      open: function () {
        search.value = "";
        state = { q: "", page: 1 };
        load();
        search.focus();
      },
      selected: function () { return selected; }
    };
  }

  window.PhotoPicker = PhotoPicker;
}());
