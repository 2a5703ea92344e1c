"""Seed the guidance content from the TOML files in `seed/`, without undoing a coach's work.

Each seeded record keeps the fingerprint of the values the seed last wrote. A record is
updated only while its current values still match that fingerprint; once a coach has
edited it, the seed leaves it alone. Running the seed twice changes nothing.
"""

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from .models import (
    Citation,
    Condition,
    Exercise,
    Expert,
    GuidanceStep,
    KeyFigure,
    ReturnToRun,
    ReturnToRunRule,
    RunWalkPhase,
    Status,
    Study,
)

SEED_DIR = Path(__file__).resolve().parent / "seed"
CHANGE_REASON = "Seeded from kneecare/content/seed"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited by a coach, left alone

    def __str__(self):
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.kept)} kept as edited by a coach"
        )


@dataclass(frozen=True)
class Kind:
    model: type
    section: str  # the TOML array name, e.g. "condition"
    file: str
    fields: tuple[str, ...]
    relations: tuple[str, ...] = ()  # many-to-many fields seeded as lists of slugs
    cited: bool = True
    figures: bool = False


KINDS = (
    Kind(Expert, "expert", "experts.toml", ("name", "credentials", "affiliation"), cited=False),
    Kind(
        Study,
        "study",
        "studies.toml",
        ("citation", "authors", "year", "journal", "population", "finding", "figure", "origin"),
        cited=False,
    ),
    Kind(
        Exercise,
        "exercise",
        "exercises.toml",
        ("name", "category", "stage", "order", "how_to", "dose"),
    ),
    Kind(
        GuidanceStep, "step", "guidance.toml", ("title", "order", "summary", "body"), figures=True
    ),
    Kind(
        Condition,
        "condition",
        "conditions.toml",
        (
            "name",
            "also_known_as",
            "order",
            "urgency",
            "summary",
            "signs",
            "self_care",
            "see_professional",
        ),
        relations=("guidance", "exercises"),
    ),
    Kind(
        ReturnToRun,
        "programme",
        "return_to_run.toml",
        ("title", "order", "summary"),
        relations=("conditions",),
    ),
    Kind(
        RunWalkPhase,
        "phase",
        "return_to_run.toml",
        ("name", "order", "effort", "walk_minutes", "run_minutes", "distance_miles", "sessions"),
    ),
    Kind(ReturnToRunRule, "rule", "return_to_run.toml", ("title", "kind", "order", "body")),
)
# Seeded as None when the entry leaves them out, not as "".
OPTIONAL_NUMBERS = ("year", "run_minutes")
# Kept as text in the fingerprint, to one decimal place.
DECIMALS = ("distance_miles",)


def fingerprint(values: dict) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def figure_value(value) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.01")))


def wanted_values(kind: Kind, entry: dict) -> dict:
    """The seed entry in the same shape as `current_values` gives for a record."""
    values = {name: entry.get(name, "") for name in kind.fields}
    for name in OPTIONAL_NUMBERS:
        if name in values:
            values[name] = entry.get(name) or None
    for name in DECIMALS:
        if name in values:
            values[name] = one_decimal(values[name])
    if kind.cited or kind.figures or kind.relations:
        values["status"] = Status.PUBLISHED
    for name in kind.relations:
        values[name] = sorted(entry.get(name, []))
    if kind.cited:
        values["citations"] = [
            {"claim": c["claim"], "expert": c.get("expert", ""), "study": c.get("study", "")}
            for c in entry.get("citations", [])
        ]
    if kind.figures:
        values["figures"] = [
            {"code": f["code"], "label": f["label"], "value": figure_value(f["value"]),
             "unit": f.get("unit", "")}
            for f in entry.get("figures", [])
        ]  # fmt: skip
    return values


def one_decimal(value) -> str:
    return str(Decimal(str(value)).quantize(Decimal("0.1")))


def current_values(kind: Kind, record) -> dict:
    values = {name: getattr(record, name) for name in kind.fields}
    for name in DECIMALS:
        if name in values:
            values[name] = one_decimal(values[name])
    if kind.cited or kind.figures or kind.relations:
        values["status"] = record.status
    for name in kind.relations:
        values[name] = sorted(getattr(record, name).values_list("slug", flat=True))
    if kind.cited:
        values["citations"] = [
            {
                "claim": c.claim,
                "expert": c.expert.slug if c.expert else "",
                "study": c.study.slug if c.study else "",
            }
            for c in record.citations.select_related("expert", "study")
        ]
    if kind.figures:
        values["figures"] = [
            {"code": f.code, "label": f.label, "value": figure_value(f.value), "unit": f.unit}
            for f in record.figures.all()
        ]
    return values


def apply_values(kind: Kind, record, values: dict, seed_hash: str) -> None:
    for name in kind.fields:
        setattr(record, name, values[name])
    if "status" in values:
        record.status = values["status"]
    record.seed_hash = seed_hash
    record._change_reason = CHANGE_REASON
    record.save()
    for name in kind.relations:
        related_model = getattr(type(record), name).field.related_model
        getattr(record, name).set(related_model.objects.filter(slug__in=values[name]))
    if kind.cited:
        record.citations.all().delete()
        for order, cited in enumerate(values["citations"]):
            Citation.objects.create(
                content_object=record,
                claim=cited["claim"],
                expert=Expert.objects.get(slug=cited["expert"]) if cited["expert"] else None,
                study=Study.objects.get(slug=cited["study"]) if cited["study"] else None,
                order=order,
            )
    if kind.figures:
        record.figures.all().delete()
        for order, figure in enumerate(values["figures"]):
            KeyFigure.objects.create(step=record, order=order, **figure)
    if kind.relations:
        # A related record the seed names may not exist yet (a programme seeded before the
        # conditions it links): fingerprint what was stored, so a later seed completes it
        # instead of taking the gap for a coach's edit.
        stored = fingerprint(current_values(kind, record))
        if stored != seed_hash:
            type(record).objects.filter(pk=record.pk).update(seed_hash=stored)


def load_seed(directory: Path = SEED_DIR) -> dict[str, list[dict]]:
    data = {}
    for kind in KINDS:
        with open(directory / kind.file, "rb") as seed_file:
            data[kind.section] = tomllib.load(seed_file).get(kind.section, [])
    return data


@transaction.atomic
def seed_content(data: dict[str, list[dict]] | None = None) -> SeedReport:
    data = load_seed() if data is None else data
    report = SeedReport()
    for kind in KINDS:
        for entry in data.get(kind.section, []):
            label = f"{kind.section}:{entry['slug']}"
            wanted = wanted_values(kind, entry)
            wanted_hash = fingerprint(wanted)
            record = kind.model.objects.filter(slug=entry["slug"]).first()
            if record is None:
                apply_values(kind, kind.model(slug=entry["slug"]), wanted, wanted_hash)
                report.created.append(label)
                continue
            current_hash = fingerprint(current_values(kind, record))
            if current_hash == wanted_hash:
                if record.seed_hash != wanted_hash:
                    kind.model.objects.filter(pk=record.pk).update(seed_hash=wanted_hash)
                report.unchanged.append(label)
            elif (
                record.seed_hash
                and current_hash == record.seed_hash
                and not getattr(record, "pending_draft", None)  # a coach is mid-edit
            ):
                apply_values(kind, record, wanted, wanted_hash)
                report.updated.append(label)
            else:
                report.kept.append(label)
    return report
