"""Open a runner's uploaded files in memory: run files, gzipped ones and export zips.

Strava and Garmin exports are zips of GPX, TCX and FIT files, often gzipped one by one.
Everything is read from bytes already in memory and never written anywhere. Limits keep
one upload from taking the server down, and each file that breaks one is named in a
problem while every other file still counts:

- a zip member or gzip is unpacked only up to :data:`MAX_FILE_BYTES`, whatever its
  header claims, and a member packed more tightly than :data:`MAX_PACKING_RATIO` to one
  is refused unopened (a zip bomb); all unpacking together stops at
  :data:`MAX_UNPACKED_BYTES`;
- at most :data:`MAX_RUNS` runs are read; a zip inside a zip is not opened.
"""

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from zipfile import BadZipFile, LargeZipFile, ZipFile, ZipInfo

from training.run_formats import NotARun, Run, read_run_file

MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 25 * MEGABYTE
MAX_UNPACKED_BYTES = 250 * MEGABYTE
MAX_PACKING_RATIO = 100
MAX_RUNS = 500
RUN_SUFFIXES = (".gpx", ".tcx", ".fit")
NAME_LENGTH = 80


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class FoundRun:
    file: str
    run: Run


@dataclass(frozen=True)
class FileProblem:
    file: str
    message: str  # finishes a sentence that starts with the file's name


@dataclass(frozen=True)
class ReadFiles:
    runs: tuple[FoundRun, ...]
    problems: tuple[FileProblem, ...]


class _TooMuch(Exception):
    pass


def read_uploads(uploads: Iterable[Upload]) -> ReadFiles:
    """Every run in the uploaded files, and what was wrong with the files we couldn't use."""
    runs: list[FoundRun] = []
    problems: list[FileProblem] = []
    unpacked = 0
    for name, data in _run_files(uploads, problems):
        unpacked += len(data)
        if unpacked > MAX_UNPACKED_BYTES:
            problems.append(FileProblem(name, "was not read: the files unpack to too much."))
            break
        if len(runs) >= MAX_RUNS:
            problems.append(
                FileProblem(name, f"and any after it were not read: we read {MAX_RUNS} runs.")
            )
            break
        try:
            runs += [FoundRun(name, run) for run in read_run_file(_gunzipped(data))]
        except NotARun as problem:
            problems.append(FileProblem(name, str(problem)))
        except _TooMuch:
            problems.append(FileProblem(name, _too_large()))
    return ReadFiles(runs=tuple(runs[:MAX_RUNS]), problems=tuple(problems))


def _run_files(
    uploads: Iterable[Upload], problems: list[FileProblem]
) -> Iterator[tuple[str, bytes]]:
    for upload in uploads:
        name = short_name(upload.name)
        if upload.data.startswith(b"PK\x03\x04") or upload.data.startswith(b"PK\x05\x06"):
            yield from _zip_members(name, upload.data, problems)
        elif len(upload.data) > MAX_FILE_BYTES:
            problems.append(FileProblem(name, _too_large()))
        else:
            yield name, upload.data


def _zip_members(
    name: str, data: bytes, problems: list[FileProblem]
) -> Iterator[tuple[str, bytes]]:
    try:
        archive = ZipFile(BytesIO(data))
        members = archive.infolist()
    except (BadZipFile, LargeZipFile, ValueError, OSError):
        problems.append(FileProblem(name, "is a damaged zip file."))
        return
    for info in members:
        member = short_name(f"{name}: {info.filename}")
        lower = info.filename.lower().removesuffix(".gz")
        if info.is_dir():
            continue
        if lower.endswith(".zip"):
            problems.append(FileProblem(member, "is a zip inside a zip, which we don't open."))
        elif lower.endswith(RUN_SUFFIXES):
            try:
                yield member, _unzipped(archive, info)
            except _TooMuch:
                problems.append(FileProblem(member, _too_large()))
            except (BadZipFile, RuntimeError, ValueError, OSError, EOFError, zlib.error):
                problems.append(FileProblem(member, "is damaged or encrypted inside the zip."))


def _unzipped(archive: ZipFile, info: ZipInfo) -> bytes:
    packed_too_tightly = info.file_size > MAX_PACKING_RATIO * max(info.compress_size, 1)
    if info.file_size > MAX_FILE_BYTES or packed_too_tightly:
        raise _TooMuch
    with archive.open(info) as member:
        # Read one byte past the limit: a header can understate the size.
        data = member.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _TooMuch
    return data


def _gunzipped(data: bytes) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    unpacker = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        unpacked = unpacker.decompress(data, MAX_FILE_BYTES + 1)
    except zlib.error as error:
        raise NotARun("is a damaged gzip file.") from error
    if len(unpacked) > MAX_FILE_BYTES or unpacker.unconsumed_tail:
        raise _TooMuch
    if not unpacker.eof:
        raise NotARun("is a damaged gzip file: it ends too soon.")
    return unpacked


def _too_large() -> str:
    return f"is too large: one run file may unpack to at most {MAX_FILE_BYTES // MEGABYTE} MB."


def short_name(name: str) -> str:
    """A file name fit to show: printable, at most :data:`NAME_LENGTH` characters."""
    printable = "".join(char if char.isprintable() else "?" for char in name) or "(no name)"
    if len(printable) <= NAME_LENGTH:
        return printable
    return "…" + printable[-(NAME_LENGTH - 1) :]
