// The photo form's focal point: a click on the photo fills the two number
// fields (which still work alone, without this script).
(function () {
  "use strict";

  function setUp(picker) {
    var fieldX = document.getElementById(picker.dataset.fieldX);
    var fieldY = document.getElementById(picker.dataset.fieldY);
    var fileField = document.getElementById(picker.dataset.fileField);
    var image = picker.querySelector("img");
    var marker = picker.querySelector(".focal-marker");
    if (!fieldX || !fieldY || !image || !marker) {
      return;
    }

    function showMarker() {
      var x = parseFloat(fieldX.value);
      var y = parseFloat(fieldY.value);
      var ready = image.getAttribute("src") && !isNaN(x) && !isNaN(y);
      marker.hidden = !ready;
      if (ready) {
        marker.style.left = Math.min(Math.max(x, 0), 1) * 100 + "%";
        marker.style.top = Math.min(Math.max(y, 0), 1) * 100 + "%";
      }
    }

    function fraction(offset, size) {
      return Math.min(Math.max(offset / size, 0), 1).toFixed(2);
    }

    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      fieldX.value = fraction(event.clientX - box.left, box.width);
      fieldY.value = fraction(event.clientY - box.top, box.height);
      showMarker();
    });
    fieldX.addEventListener("input", showMarker);
    fieldY.addEventListener("input", showMarker);
    image.addEventListener("load", showMarker);

    // Before upload: show the chosen file so the point can be set in one go.
    if (fileField) {
      fileField.addEventListener("change", function () {
        var file = fileField.files && fileField.files[0];
        if (file) {
          image.src = URL.createObjectURL(file);
          picker.hidden = false;
        }
      });
    }
    showMarker();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".focal-picker").forEach(setUp);
  });
})();
