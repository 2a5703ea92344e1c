"""The clinic staff role, as data, in the same shape as the coaches' role."""

CLINIC_STAFF = "Clinic staff"

# Clinic staff see and edit their own clinic's page (the admin narrows every query to the
# clinics they belong to) and see its anonymous counts. They never add or delete a clinic,
# and have no permission on content, users or groups.
CLINIC_STAFF_PERMISSIONS = {
    "clinics": {
        "clinic": ("change", "view"),
    }
}
