/* "Pemisah halaman": the break where a long story turns to its next page, stored as exactly
 * news.models.PAGE_BREAK, <hr class="page-break">; the sanitiser keeps that one class on hr. */
/* global CKEDITOR */
(function () {
  "use strict";

  CKEDITOR.plugins.add("pemisahhalaman", {
    onLoad: function () {
      CKEDITOR.addCss(
        "hr.page-break{border:0;border-top:3px dashed #b33;margin:1.5em 0;height:0;overflow:visible;text-align:center}" +
        "hr.page-break::after{content:'Halaman berikutnya';position:relative;top:-.75em;padding:0 .5em;" +
        "background:#fff;color:#b33;font:12px sans-serif}"
      );
    },
    init: function (editor) {
      editor.addCommand("pemisahhalaman", {
        allowedContent: "hr(page-break)",
        requiredContent: "hr(page-break)",
        exec: function (editorInstance) {
          editorInstance.insertElement(CKEDITOR.dom.element.createFromHtml('<hr class="page-break">', editorInstance.document));
        }
      });
      editor.ui.addButton("PemisahHalaman", {
        label: "Pemisah halaman", command: "pemisahhalaman", toolbar: "insert", icon: "pagebreak"
      });
      CKEDITOR.document.appendStyleText(".cke_button__pemisahhalaman_label { display: inline; }");
    }
  });
}());
