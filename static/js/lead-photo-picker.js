// The lead-photo field (news/widgets.py): choose from the library's thumbnails in a dialog.
(function () {
  "use strict";

  function setUp(field) {
    var input = field.querySelector("input[type=hidden]");
    var current = field.querySelector(".lead-photo-current");
    var empty = field.querySelector(".lead-photo-empty");
    var clear = field.querySelector(".lead-photo-clear");
    var dialog = field.querySelector(".photo-picker-dialog");
    var choose = dialog.querySelector(".photo-picker-choose");
    var url = field.dataset.pickerUrl;

    function show(photo) {
      input.value = photo ? String(photo.id) : "";
      current.hidden = !photo;
      empty.hidden = Boolean(photo);
      clear.hidden = !photo;
      if (photo) {
        var image = current.querySelector("img");
        image.src = photo.thumbnail;
        image.alt = photo.alt;
        current.querySelector(".lead-photo-caption").textContent = photo.caption || photo.alt;
        current.querySelector(".lead-photo-credit").textContent = "Foto: " + photo.credit;
      }
      relatedLinks();
    }

    // The admin's change, view and delete links beside the field follow the chosen photo
    // (Django's own script does this for a select only).
    function relatedLinks() {
      var wrapper = field.parentElement;
      Array.prototype.forEach.call(wrapper.children, function (link) {
        if (!link.matches(".change-related, .view-related, .delete-related") || !link.dataset.hrefTemplate) {
          return;
        }
        if (input.value) {
          link.setAttribute("href", link.dataset.hrefTemplate.replace("__fk__", input.value));
          link.removeAttribute("aria-disabled");
        } else {
          link.removeAttribute("href");
          link.setAttribute("aria-disabled", "true");
        }
      });
    }

    function use(photo) {
      show(photo);
      dialog.close();
      field.querySelector(".lead-photo-open").focus();
    }

    var picker = window.PhotoPicker(dialog.querySelector(".photo-picker"), {
      url: url,
      onSelect: function (photo) { choose.disabled = !photo; },
      onChoose: use
    });

    field.querySelector(".lead-photo-open").addEventListener("click", function () {
      choose.disabled = true;
      dialog.showModal();
      picker.open();
    });
    choose.addEventListener("click", function () {
      if (picker.selected()) {
        use(picker.selected());
      }
    });
    dialog.querySelector(".photo-picker-cancel").addEventListener("click", function () { dialog.close(); });
    clear.addEventListener("click", function () { show(null); });
    relatedLinks();

    // A photo uploaded with the admin's "+" pop-up: Django sets the id and triggers a jQuery change.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(input).on("change", function () {
        if (!input.value) {
          show(null);
          return;
        }
        fetch(url + "?" + new URLSearchParams({ id: input.value }).toString(), { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) { show(data.results && data.results[0] ? data.results[0] : null); });
      });
    }
  }

  function start() {
    document.querySelectorAll(".lead-photo-picker").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
