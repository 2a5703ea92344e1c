"""Turn an admin change page into the POST data its form would submit, as a browser would."""


def form_data(form, prefix=""):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[f"{prefix}{name}"] = value
    return data


def admin_post_data(page_response, **changes):
    data = form_data(page_response.context["adminform"].form)
    for inline in page_response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_data(formset.management_form, f"{formset.prefix}-"))
        for index, inline_form in enumerate(formset.forms):
            data.update(form_data(inline_form, f"{formset.prefix}-{index}-"))
    data.update(changes)
    return data
