"""Admin widgets: the lead-photo field as thumbnails from the photo library, not a dropdown of captions."""

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from .photo_picker import _ID, describe


class PhotoPickerWidget(forms.Widget):
    """A library photo chosen from thumbnails with search (news.photo_picker), kept in a hidden input.

    The admin's "+" beside it still uploads a new photo in a pop-up; the chosen photo then
    shows here too. Only the chosen photo is read from the database, never the whole library.
    """

    template_name = "admin/news/photo_picker_widget.html"

    class Media:
        css = {"all": ["css/photo-picker.css"]}
        js = ["js/photo-picker.js", "js/lead-photo-picker.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = "" if value is None else str(value)
        photo = None
        if _ID.fullmatch(value):
            from .models import Photo

            found = Photo.objects.filter(pk=int(value)).first()
            photo = describe(found) if found else None
        context["widget"].update(value=value if photo else "", photo=photo, picker_url=reverse("admin:news_photo_picker"))
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, which the admin's form renderer does not search.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))
