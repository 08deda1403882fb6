// CKEditor's image dialog uploads into the photo library (news/uploads.py).
// The dialog asks for the alt text and credit every library photo needs, and
// the upload carries Django's CSRF token, which CKEditor itself knows nothing of.
(function () {
  "use strict";
  if (!window.CKEDITOR) {
    return;
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function imageDialog() {
    var dialog = CKEDITOR.dialog.getCurrent();
    return dialog && dialog.getName() === "image" ? dialog : null;
  }

  CKEDITOR.on("dialogDefinition", function (event) {
    var upload = event.data.name === "image" && event.data.definition.getContents("Upload");
    if (!upload) {
      return;
    }
    upload.add({ type: "text", id: "photoAlt", label: "Teks alternatif (wajib): apa yang tampak di foto" }, "uploadButton");
    upload.add({ type: "text", id: "photoCredit", label: "Kredit foto (wajib), misalnya Dok. Humas Pemkot Tangsel" }, "uploadButton");
    upload.add({ type: "text", id: "photoCaption", label: "Keterangan foto" }, "uploadButton");
  });

  CKEDITOR.on("instanceCreated", function (event) {
    var editor = event.editor;
    // Between filetools opening the request (priority 5) and sending it (999).
    editor.on("fileUploadRequest", function (upload) {
      var data = upload.data.requestData;
      var dialog = imageDialog();
      data.csrfmiddlewaretoken = csrfToken();
      if (dialog) {
        data.alt_text = dialog.getValueOf("Upload", "photoAlt");
        data.credit = dialog.getValueOf("Upload", "photoCredit");
        data.caption = dialog.getValueOf("Upload", "photoCaption");
      }
    }, null, null, 10);
    // After filetools has read the answer (999): the library's alt text goes into the image.
    editor.on("fileUploadResponse", function (response) {
      var dialog = imageDialog();
      if (dialog && response.data.alt) {
        dialog.setValueOf("info", "txtAlt", response.data.alt);
      }
    }, null, null, 1000);
  });
})();
