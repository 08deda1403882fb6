/* "Baca juga": the editor chooses a published article and the plugin inserts
 * a plain paragraph "Baca juga: <a href=…>judul</a>". The site shows it as a
 * card (news/related.py); feeds keep it as the link it is. */
/* global CKEDITOR */
(function () {
  "use strict";

  CKEDITOR.plugins.add("bacajuga", {
    icons: "bacajuga",
    init: function (editor) {
      editor.addCommand("bacajuga", new CKEDITOR.dialogCommand("bacajugaDialog", {
        allowedContent: "p; a[!href]",
        requiredContent: "a[href]"
      }));
      editor.ui.addButton("BacaJuga", { label: "Baca juga", command: "bacajuga", toolbar: "links" });
      // The button shows its words, not only an icon, so editors find it.
      CKEDITOR.document.appendStyleText(".cke_button__bacajuga_label { display: inline; }");
      CKEDITOR.dialog.add("bacajugaDialog", dialog);
    }
  });

  function dialog(editor) {
    var found = {};
    var timer = null;

    function search(dialogObject) {
      var words = dialogObject.getValueOf("main", "q");
      var select = dialogObject.getContentElement("main", "article");
      var url = editor.config.bacajugaUrl + "?" + new URLSearchParams({ q: words }).toString();
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          found = {};
          select.clear();
          data.results.forEach(function (article) {
            found[String(article.id)] = article;
            select.add(article.headline + " (" + article.date + ")", String(article.id));
          });
          if (data.results.length) {
            select.setValue(String(data.results[0].id));
          }
        });
    }

    return {
      title: "Sisipkan \u201cBaca juga\u201d",
      minWidth: 420,
      minHeight: 140,
      contents: [{
        id: "main",
        label: "Baca juga",
        elements: [
          {
            type: "text",
            id: "q",
            label: "Cari judul berita",
            onLoad: function () {
              // "input" rather than key events: pasting and phone keyboards change the words too.
              var field = this;
              field.getInputElement().on("input", function () {
                clearTimeout(timer);
                timer = setTimeout(function () { search(field.getDialog()); }, 250);
              });
            }
          },
          {
            type: "select",
            id: "article",
            label: "Berita yang ditautkan",
            items: [],
            size: 6,
            style: "width: 100%",
            validate: CKEDITOR.dialog.validate.notEmpty("Pilih satu berita.")
          }
        ]
      }],
      onShow: function () {
        this.setValueOf("main", "q", "");
        search(this);
      },
      onOk: function () {
        var article = found[this.getValueOf("main", "article")];
        if (!article) {
          return false;
        }
        var paragraph = editor.document.createElement("p");
        var link = editor.document.createElement("a");
        link.setAttribute("href", article.url);
        link.appendText(article.headline);
        paragraph.appendText("Baca juga: ");
        paragraph.append(link);
        editor.insertElement(paragraph);
        return true;
      }
    };
  }
}());
