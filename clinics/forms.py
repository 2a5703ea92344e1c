from django import forms

from kneecare.tools import TOOL_NAMES

from .logo import MAX_LOGO_BYTES, MAX_LOGO_SIDE, LogoError, read_logo
from .models import TOOL_CHOICES, Clinic, all_tools


class ClinicForm(forms.ModelForm):
    """The clinic's admin form: the offered checks as tick boxes and the logo as an upload
    that is checked and stored in the database with the clinic."""

    tools = forms.MultipleChoiceField(
        label="Self-checks offered",
        choices=TOOL_CHOICES,
        # A new clinic starts with every check ticked, as the model's default.
        initial=all_tools,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Offer at least one self-check to the clinic's patients."},
        help_text=Clinic._meta.get_field("tools").help_text,
    )
    website = forms.URLField(required=False, assume_scheme="https")
    logo_upload = forms.FileField(
        label="New logo",
        required=False,
        help_text=f"PNG, JPEG or WebP; at most {MAX_LOGO_BYTES // 1024} KB and "
        f"{MAX_LOGO_SIDE} pixels a side. SVG is not accepted.",
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)

    class Meta:
        model = Clinic
        fields = [
            "name",
            "slug",
            "active",
            "message",
            "tools",
            "urgent_advice",
            "phone",
            "website",
            "address",
            "staff",
        ]

    def clean_tools(self):
        chosen = set(self.cleaned_data["tools"])
        return [tool for tool in TOOL_NAMES if tool in chosen]

    def clean_logo_upload(self):
        upload = self.cleaned_data["logo_upload"]
        if not upload:
            return None
        # Refuse an oversized upload before reading it into memory.
        if upload.size > MAX_LOGO_BYTES:
            raise forms.ValidationError(
                f"The logo is too big: at most {MAX_LOGO_BYTES // 1024} KB, please."
            )
        try:
            return read_logo(upload.read())
        except LogoError as error:
            raise forms.ValidationError(str(error)) from error

    def save(self, commit=True):
        clinic = super().save(commit=False)
        logo = self.cleaned_data.get("logo_upload")
        if logo is not None:
            clinic.logo, clinic.logo_type, clinic.logo_version = (
                logo.data,
                logo.content_type,
                logo.version,
            )
        elif self.cleaned_data.get("remove_logo"):
            clinic.logo, clinic.logo_type, clinic.logo_version = b"", "", ""
        if commit:
            clinic.save()
            self._save_m2m()
        return clinic
