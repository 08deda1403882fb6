/* "Pustaka foto": photos in the body are references to the photo library, shown in the editor
 * as a block the editor can move or delete but not retype (the caption and credit are the
 * library's). Stored as <figure data-photo="123"></figure>; news/editor.py empties the element
 * and news/body.py fills it in for readers, feeds and this editor.
 *
 * Photos come in two ways: chosen from the library with this plugin's button (thumbnails,
 * search, pages: static/js/photo-picker.js), or uploaded with the image dialog's "Unggah" tab
 * (static/js/editor-photo-upload.js), whose OK then inserts the reference instead of a bare <img>. */
/* global CKEDITOR */
(function () {
  "use strict";

  var ID = /^[1-9][0-9]{0,17}$/;

  function figureHtml(photo) {
    var encode = CKEDITOR.tools.htmlEncode;
    var attribute = CKEDITOR.tools.htmlEncodeAttr;
    var image = photo.image
      ? '<img src="' + attribute(photo.image) + '" alt="' + attribute(photo.alt || "") + '"' +
        (photo.width ? ' width="' + Number(photo.width) + '" height="' + Number(photo.height) + '"' : "") + ">"
      : "";
    var caption = (photo.caption ? encode(photo.caption) + " " : "") +
      '<span class="credit">Foto: ' + encode(photo.credit || "") + "</span>";
    return '<figure data-photo="' + Number(photo.id) + '">' + image + "<figcaption>" + caption + "</figcaption></figure>";
  }

  function insertPhoto(editor, photo) {
    editor.insertHtml(figureHtml(photo));
    // The photo just inserted stays selected, and the next thing inserted (a "Baca juga" link,
    // a page break) would replace it: the cursor goes to the paragraph after it instead.
    var widget = editor.widgets.focused || (editor.widgets.selected || [])[0];
    if (!widget || widget.name !== "fotopustaka") {
      return;
    }
    var next = widget.wrapper.getNext();
    if (!next || next.type !== CKEDITOR.NODE_ELEMENT || !next.is("p")) {
      next = editor.document.createElement("p");
      next.appendBogus();
      next.insertAfter(widget.wrapper);
    }
    var range = editor.createRange();
    range.moveToElementEditStart(next);
    range.select();
  }

  CKEDITOR.plugins.add("fotopustaka", {
    requires: "widget,dialog",
    onLoad: function () {
      CKEDITOR.addCss(
        "figure[data-photo]{margin:1em 0;padding:.5em;border:1px solid #ccd;background:#f6f7f9}" +
        "figure[data-photo] img{display:block;max-width:100%;max-height:18em;width:auto;height:auto}" +
        "figure[data-photo] figcaption{font-size:.85em;color:#555;padding-top:.3em}" +
        "figure[data-photo] .credit{font-style:italic}"
      );
    },
    init: function (editor) {
      editor.widgets.add("fotopustaka", {
        allowedContent: "figure[!data-photo]; img[!src,alt,width,height]; figcaption; span(credit)",
        requiredContent: "figure[data-photo]",
        // No editable parts: what the figure shows is the library's.
        upcast: function (element) {
          return element.name === "figure" && ID.test(element.attributes["data-photo"] || "");
        }
      });

      editor.addCommand("fotopustaka", new CKEDITOR.dialogCommand("fotopustakaDialog", {
        allowedContent: "figure[!data-photo]; img[!src,alt,width,height]; figcaption; span(credit)",
        requiredContent: "figure[data-photo]"
      }));
      editor.ui.addButton("FotoPustaka", { label: "Pustaka foto", command: "fotopustaka", toolbar: "insert", icon: "image" });
      // The button shows its words, not only an icon: it looks like the image button otherwise.
      CKEDITOR.document.appendStyleText(".cke_button__fotopustaka_label { display: inline; }");
      CKEDITOR.dialog.add("fotopustakaDialog", dialog);

      // A photo uploaded with the image dialog: remember it, so that OK inserts the reference.
      var uploaded = null;
      editor.on("fileUploadResponse", function (response) {
        if (response.data.photo && response.data.url) {
          uploaded = { id: response.data.photo, url: response.data.url };
        }
      }, null, null, 1001);
      editor.on("dialogShow", function (event) {
        if (event.data.getName() === "image") {
          uploaded = null;
        }
      });
      CKEDITOR.on("dialogDefinition", function (event) {
        if (event.editor !== editor || event.data.name !== "image") {
          return;
        }
        var definition = event.data.definition;
        var original = definition.onOk;
        definition.onOk = function () {
          var url = this.getValueOf("info", "txtUrl");
          if (!uploaded || url !== uploaded.url) {
            return original.apply(this, arguments);
          }
          var photo = {
            id: uploaded.id,
            image: url,
            alt: this.getValueOf("info", "txtAlt"),
            caption: this.getValueOf("Upload", "photoCaption"),
            credit: this.getValueOf("Upload", "photoCredit")
          };
          uploaded = null;
          insertPhoto(editor, photo);
          return true;
        };
      });
    }
  });

  function dialog(editor) {
    var picker = null;
    return {
      title: "Pilih foto dari pustaka",
      minWidth: 660,
      minHeight: 440,
      contents: [{
        id: "main",
        label: "Pustaka foto",
        elements: [{ type: "html", id: "picker", html: '<div class="photo-picker photo-picker-in-editor"></div>' }]
      }],
      onShow: function () {
        var dialogObject = this;
        if (!picker) {
          var container = this.getContentElement("main", "picker").getElement().$;
          picker = window.PhotoPicker(container, {
            url: editor.config.photoPickerUrl,
            onChoose: function () { dialogObject.getButton("ok").click(); }
          });
        }
        picker.open();
      },
      onOk: function () {
        var photo = picker && picker.selected();
        if (!photo) {
          window.alert("Pilih satu foto dulu, atau klik Batal.");
          return false;
        }
        insertPhoto(editor, photo);
        return true;
      }
    };
  }
}());
