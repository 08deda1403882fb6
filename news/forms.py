from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm

from . import photos
from .models import Dateline, Photo, Redirect

ACCEPT = "image/jpeg,image/png,image/webp,image/gif,image/avif"


class PhotoFileField(forms.FileField):
    """A file field that lets through only uploads news.photos.check_upload accepts."""

    widget = forms.ClearableFileInput(attrs={"accept": ACCEPT})

    def __init__(self, *args, **kwargs):
        # The uploader's file name is never used (photos get random names), so its length does not matter.
        kwargs.pop("max_length", None)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and not isinstance(value, photos.PhotoUpload):
            return photos.check_upload(value)
        return value


def upload_help_text():
    return (
        f"JPEG, PNG, WebP, GIF, atau AVIF; paling besar {settings.PHOTO_MAX_UPLOAD_MB} MB dan "
        f"{settings.PHOTO_MAX_MEGAPIXELS} megapiksel. Metadata, termasuk lokasi GPS, dihapus; "
        "foto diputar sesuai orientasi kamera."
    )


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["file", "alt_text", "credit", "caption", "focal_x", "focal_y"]
        field_classes = {"file": PhotoFileField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = upload_help_text()
        for name in ("focal_x", "focal_y"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"min": "0", "max": "1", "step": "0.01"})


class EditorUploadForm(PhotoForm):
    """The fields CKEditor's image dialog sends with its upload."""

    class Meta(PhotoForm.Meta):
        fields = ["file", "alt_text", "credit", "caption"]

    def error_text(self):
        """All errors in one line, each after its field's label, for the editor's alert box."""
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            text = " ".join(errors)
            messages.append(f"{label[:1].upper()}{label[1:]}: {text}" if label else text)
        return " ".join(messages)


class DatelineForm(forms.ModelForm):
    class Meta:
        model = Dateline
        fields = ["name", "slug"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        # The database refuses the same name in other letter case too; say so in words a reporter reads.
        same = Dateline.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if same is not None:
            raise forms.ValidationError(f"Dateline {same.name} sudah ada; pilih dari daftar di formulir berita.")
        return name


class RedirectForm(forms.ModelForm):
    class Meta:
        model = Redirect
        fields = ["old_path", "new_path", "note"]

    def clean_old_path(self):
        return _site_path(self.cleaned_data["old_path"], "Alamat lama")

    def clean_new_path(self):
        return _site_path(self.cleaned_data["new_path"], "Alamat baru")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("old_path") and cleaned.get("old_path") == cleaned.get("new_path"):
            raise forms.ValidationError("Alamat lama dan alamat baru sama; pengalihan itu akan berputar tanpa akhir.")
        return cleaned


def _site_path(value, label):
    """A path on this site ("/…"), never another host: an open redirect would serve phishing under our name."""
    value = value.strip()
    if not value.startswith("/") or value.startswith("//") or "\\" in value or any(c.isspace() or ord(c) < 32 for c in value):
        raise forms.ValidationError(
            f"{label} harus berupa path di situs ini yang diawali /, misalnya /2024/01/02/judul-lama/, tanpa spasi."
        )
    return value


class NewsroomLoginForm(AdminAuthenticationForm):
    # Django's Indonesian translation reads "Masukkan nama pengguna nama pengguna dan sandi …".
    # One message for an unknown name and a wrong password alike.
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": "Nama pengguna atau sandi salah. Perhatikan huruf besar dan kecil.",
    }

    def clean(self):
        # No account has a longer name; the lock-out's own table could not even record it.
        if len(self.data.get("username", "")) > self.fields["username"].max_length:
            raise self.get_invalid_login_error()
        return super().clean()
