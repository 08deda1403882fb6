"""Admin pages answer odd input with a redirect or 400, never a server error.

The admin passes parameters straight into queries and widgets: changelist filters, date
hierarchy years, ids in the add form's query string, posted ids of actions, rows and
autocomplete choices. Values no column can hold (a year past 9999, an id past 64 bits,
"abc" for an id, an empty _to_field) are refused here, once, for every model the admin
site registers (news/admin_site.py mixes SafeInputMixin into each), Django's and
django-axes' included.
"""

from django.contrib.admin import helpers, widgets
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import BadRequest, ValidationError
from django.forms import ModelMultipleChoiceField

INT64 = range(-(2**63), 2**63)


def fits(field, value):
    """True when the model field can hold value: to_python accepts it and an integer fits in 64 bits."""
    try:
        python = field.to_python(value)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return not isinstance(python, int) or python in INT64


def target_field(field):
    """The column a relation's value is compared with (the related primary key), or the field itself."""
    return field.target_field if field.is_relation else field


class SafeChangeList(ChangeList):
    # A year past 9999, a date before year 1 on SQLite, an integer past 64 bits: "?e=1", as any other bad filter.
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            return super().get_results(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


class SafeModelMultipleChoiceField(ModelMultipleChoiceField):
    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        for pk in value:
            if not fits(field, pk):
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)


class SafeAutocompleteMixin:
    """Re-renders only posted choices its model can hold (the widget looks them up with pk__in)."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field.model._meta
        to_field = remote.get_field(getattr(self.field.remote_field, "field_name", None) or remote.pk.attname)
        value = [item for item in value if str(item) in self.choices.field.empty_values or fits(to_field, item)]
        return super().optgroups(name, value, attr)


class SafeAutocompleteSelect(SafeAutocompleteMixin, widgets.AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SafeAutocompleteMixin, widgets.AutocompleteSelectMultiple):
    pass


SAFE_WIDGETS = {
    widgets.AutocompleteSelect: SafeAutocompleteSelect,
    widgets.AutocompleteSelectMultiple: SafeAutocompleteSelectMultiple,
}


class SafeInputMixin:
    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        return changelist if issubclass(changelist, SafeChangeList) else type(
            changelist.__name__, (SafeChangeList, changelist), {}
        )

    def get_object(self, request, object_id, from_field=None):
        # "?_to_field=" (empty) passes Django's to-field check and then names no field.
        return super().get_object(request, object_id, from_field or None)

    def get_changeform_initial_data(self, request):
        """Initial values from the query string, only where the field can hold them."""
        kept = {}
        for name, value in super().get_changeform_initial_data(request).items():
            try:
                field = target_field(self.opts.get_field(name))
            except Exception:
                kept[name] = value
                continue
            if all(fits(field, item) for item in (value if isinstance(value, list) else [value])):
                kept[name] = value
        return kept

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        return self._safe_widget(super().formfield_for_manytomany(db_field, request, **kwargs))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._safe_widget(super().formfield_for_foreignkey(db_field, request, **kwargs))

    @staticmethod
    def _safe_widget(formfield):
        if formfield is not None and type(formfield.widget) in SAFE_WIDGETS:
            formfield.widget.__class__ = SAFE_WIDGETS[type(formfield.widget)]
        return formfield

    def response_action(self, request, queryset):
        if not all(fits(self.opts.pk, pk) for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)):
            raise BadRequest("Pilihan berita tidak valid.")
        return super().response_action(request, queryset)

    def _get_list_editable_queryset(self, request, prefix):
        if not all(fits(self.opts.pk, pk) for pk in self._get_edited_object_pks(request, prefix)):
            # As Django does when an id fails validation: the formset then reports the row.
            return self.get_queryset(request)
        return super()._get_list_editable_queryset(request, prefix)
