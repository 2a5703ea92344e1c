"""The slim Bootstrap build ships every Bootstrap class the templates and forms use."""

import re
from pathlib import Path

import crispy_bootstrap5

ROOT = Path(__file__).resolve().parent.parent
SLIM_CSS = ROOT / "static/vendor/bootstrap/bootstrap.min.css"
ALL_BOOTSTRAP_CLASSES = ROOT / "tests/bootstrap_classes.txt"
CRISPY_TEMPLATES = Path(crispy_bootstrap5.__file__).parent / "templates/bootstrap5"
# The crispy-bootstrap5 templates our `{{ form|crispy }}` and `{% crispy_field %}` render.
CRISPY_USED = [
    "errors.html",
    "field.html",
    "display_form.html",
    "layout/attrs.html",
    "layout/checkboxselectmultiple_inline.html",
    "layout/field_errors.html",
    "layout/field_errors_block.html",
    "layout/help_text.html",
    "layout/help_text_and_errors.html",
    "layout/radio_checkbox_select.html",
    "layout/radioselect_inline.html",
]
OUR_CODE = ["templates", "kneecare", "symptoms", "training"]

CLASS_ATTRIBUTE = re.compile(r"class=\"([^\"]*)\"")
# `{% crispy_field field 'class' 'form-control is-invalid' %}` in crispy's own templates.
CRISPY_FIELD_CLASS = re.compile(r"'class' '([^']*)'")
# `attrs={"class": "form-select"}` on a widget, or a crispy helper's css_class="…".
PYTHON_CLASS = re.compile(
    r"(?:\"class\"|css_class|field_class|wrapper_class)\s*[:=]\s*\"([^\"]*)\""
)


def bootstrap_classes():
    lines = ALL_BOOTSTRAP_CLASSES.read_text().splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def shipped_classes():
    css = re.sub(r"/\*.*?\*/", "", SLIM_CSS.read_text(), flags=re.S)
    selectors = " ".join(re.findall(r"([^{}]+)\{", css))
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", selectors))


def classes_in(text, pattern):
    names = set()
    for value in pattern.findall(text):
        # Keep the classes inside `{% if %}` but drop any built from a variable,
        # e.g. `urgency-{{ level }}`.
        value = re.sub(r"\{%.*?%\}", " ", value)
        value = re.sub(r"\S*\{\{.*?\}\}\S*", " ", value)
        names.update(name for name in value.split() if re.fullmatch(r"[\w-]+", name))
    return names


def used_classes():
    names = set()
    for folder in OUR_CODE:
        for path in (ROOT / folder).rglob("*.html"):
            names |= classes_in(path.read_text(), CLASS_ATTRIBUTE)
        for path in (ROOT / folder).rglob("*.py"):
            names |= classes_in(path.read_text(), PYTHON_CLASS)
    for name in CRISPY_USED:
        text = (CRISPY_TEMPLATES / name).read_text()
        names |= classes_in(text, CLASS_ATTRIBUTE) | classes_in(text, CRISPY_FIELD_CLASS)
    return names


def test_it_ships_every_bootstrap_class_we_use():
    missing = (used_classes() & bootstrap_classes()) - shipped_classes()
    assert missing == set(), (
        "Add these to static/vendor/bootstrap/kneecare-bootstrap.scss and rebuild "
        f"(see static/vendor/bootstrap/README.md): {sorted(missing)}"
    )


def test_it_finds_the_classes_in_the_templates():
    used = used_classes()
    assert {"container", "btn-primary", "visually-hidden-focusable", "form-control"} <= used
    assert {"urgency-", "{{"}.isdisjoint(used)


def test_it_is_slimmer_than_the_whole_of_bootstrap():
    assert len(shipped_classes()) < len(bootstrap_classes()) * 0.8
    assert SLIM_CSS.stat().st_size < 160_000


def test_it_publishes_no_build_files():
    from django.contrib.staticfiles.finders import get_finders

    published = {path for finder in get_finders() for path, _ in finder.list(None)}
    assert "vendor/bootstrap/bootstrap.min.css" in published
    assert not any(
        path.endswith(("package.json", "package-lock.json", ".scss")) for path in published
    )
