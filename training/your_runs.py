"""The "Your runs" page: upload run files, see what they say, keep nothing.

Uploads never touch the disk: the view swaps Django's upload handlers (which would spill
anything over 2.5 MB into a temporary file) for :class:`InMemoryRunFiles`, which holds the
files in memory and stops the upload past :data:`MAX_UPLOAD_BYTES` (50 MB) as it streams
in, with a message on the page. A body declared longer than that is refused with the
site's 413 page before anything is read (``@accepts_files(max_bytes=...)``), and nginx
refuses one over 50 MB with a page of its own, holding the rest in memory too
(``deploy/nginx/kneecare.conf``). A 90-day export of 60 runs zips to about 2 MB. Each file
is copied out of its buffer and the buffer dropped one file at a time, so an upload of
50 MB needs about twice that while it is read.
Django's CSRF check reads the POST body, so it must run after the swap: the outer view
is CSRF-exempt only to swap handlers, and the inner one is CSRF-protected. Nothing from
a file is saved, cached or logged; the page is marked never to be cached.
"""

from io import BytesIO

from django.core.exceptions import TooManyFilesSent
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from kneecare.middleware import accepts_files
from kneecare.tools import check_completed

from .forms import UNIT_NAMES, RunFilesForm
from .plan_chart import chart_layout, week_bars
from .run_files import MAX_RUNS, MEGABYTE, Upload, read_uploads
from .run_history import WINDOW_DAYS, day_range, run_history
from .spike import SPIKE_BANDS

MAX_FILES = 100  # DATA_UPLOAD_MAX_NUMBER_FILES, Django's default
# The whole request, files and fields: the page states it, the view refuses a longer body
# and nginx gives this address the same client_max_body_size.
MAX_UPLOAD_BYTES = 50 * MEGABYTE
CHART_WIDTH, CHART_HEIGHT = 400, 220
MAX_WEEK_LABELS = 7


def limits():
    return {
        "megabytes": MAX_UPLOAD_BYTES // MEGABYTE,
        "files": MAX_FILES,
        "runs": MAX_RUNS,
        "days": WINDOW_DAYS,
    }


class InMemoryRunFiles(FileUploadHandler):
    """Keep each uploaded file in memory, never in a temporary file, up to a total."""

    def __init__(self, request=None, limit=None):
        super().__init__(request)
        self.limit = MAX_UPLOAD_BYTES if limit is None else limit
        self.received = 0
        self.too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            file_size,
            self.charset,
            self.content_type_extra,
        )


@accepts_files(max_bytes=MAX_UPLOAD_BYTES)
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def runs(request):
    handler = InMemoryRunFiles(request)
    request.upload_handlers = [handler]
    return checked_runs(request, handler)


@csrf_protect
def checked_runs(request, handler):
    context = {"limits": limits(), "bands": SPIKE_BANDS}
    if request.method == "GET":
        context["form"] = RunFilesForm()
        return render(request, "training/runs.html", context)
    try:
        form = RunFilesForm(request.POST, request.FILES)
        valid = form.is_valid()
    except TooManyFilesSent:
        form, valid = RunFilesForm(), False
        context["upload_error"] = f"That's more than {MAX_FILES} files: zip them, or send fewer."
    if handler.too_large:
        valid = False
        megabytes = context["limits"]["megabytes"]
        context["upload_error"] = f"That's more than {megabytes} MB: nothing was read."
    context["form"] = form
    if valid:
        context.update(answer(form.cleaned_data["files"], unit=form.cleaned_data["unit"]))
        if context["history"] is not None:
            # Counted for a clinic like the other tools (the tool's name alone), once per
            # upload that found runs. Not through announce_check: this form's own submit
            # targets #result, and an upload has no live updates to leave out.
            check_completed.send(sender=None, tool="runs", urgency="")
    template = "training/runs.html#result" if request.htmx else "training/runs.html"
    return render(request, template, context)


def answer(files, *, unit):
    read = read_uploads(in_turn(files))
    history = run_history(found=read.runs, unit=unit)
    context = {"problems": read.problems, "history": history, "unit": unit, "read": True}
    context["unit_name"] = UNIT_NAMES[unit]
    if history is not None:
        chart = week_bars(
            values=[week.distance for week in history.weeks],
            labels=[f"{week.starts.day} {week.starts:%b}" for week in history.weeks],
            taper=[week.starts in spiky_weeks(history) for week in history.weeks],
            width=CHART_WIDTH,
            height=CHART_HEIGHT,
        )
        context.update(chart=chart, chart_layout=chart_layout(chart, max_labels=MAX_WEEK_LABELS))
        context["runs_days"] = day_range(history.first_run, history.last_day)
        context["spikes"] = [run for run in history.runs if run.band not in (None, "within")]
    return context


def in_turn(files):
    """Each uploaded file's bytes, its in-memory buffer closed (and freed) once copied out."""
    for upload in files:
        data = upload.read()
        upload.close()
        yield Upload(upload.name or "", data)


def spiky_weeks(history):
    """The Mondays of weeks that hold a run past the 10 % line."""
    return {
        week.starts
        for week in history.weeks
        for run in history.runs
        if run.band not in (None, "within") and 0 <= (run.day - week.starts).days < 7
    }
