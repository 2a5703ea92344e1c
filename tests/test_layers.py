"""The layers import only downwards, and the pure modules import nothing from Django.

kneecare/ (with kneecare/content/) is the shared layer; symptoms/ and training/ are the
features; clinics/ is the top layer, built on the features. Read from the source, so a
lazy import inside a function counts too.
"""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = "kneecare"
FEATURES = ("symptoms", "training")
TOP = ("clinics",)
OUR_PACKAGES = (SHARED, *FEATURES, *TOP)

# Plain Python: typed, tested without a database, handed plain values by the views.
PURE_MODULES = (
    "kneecare/urgency.py",
    "kneecare/numbers.py",
    "kneecare/proxies.py",
    "symptoms/triage.py",
    "symptoms/rules.py",
    "symptoms/evidence.py",
    "training/mileage.py",
    "training/spike.py",
    "training/cadence.py",
    "training/shoes.py",
    "training/strength.py",
    "training/plan_chart.py",
    "training/plan_export.py",
    "training/race_plan.py",
    "training/fit_sessions.py",
    "training/return_to_run.py",
    "training/run_files.py",
    "training/run_formats.py",
    "training/run_history.py",
    "clinics/usage.py",
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                names.add(f"{base}.{node.module}" if node.module else base)
            else:
                names.add(node.module)
    return names


def top_package(module: str) -> str:
    return module.partition(".")[0]


def source_files(package: str) -> list[Path]:
    return [
        path for path in sorted((ROOT / package).rglob("*.py")) if "migrations" not in path.parts
    ]


def imports_of(package: str) -> dict[str, set[str]]:
    """Our packages each file of `package` imports, by file."""
    return {
        str(path.relative_to(ROOT)): {
            top_package(name)
            for name in imported_modules(path)
            if top_package(name) in OUR_PACKAGES
        }
        for path in source_files(package)
    }


class TestLayers:
    def test_it_keeps_the_shared_layer_free_of_features_and_clinics(self):
        offending = {
            path: packages - {SHARED}
            for path, packages in imports_of(SHARED).items()
            if packages - {SHARED}
        }
        assert offending == {}

    @pytest.mark.parametrize("feature", FEATURES)
    def test_it_keeps_a_feature_free_of_other_features_and_of_clinics(self, feature):
        offending = {
            path: packages - {SHARED, feature}
            for path, packages in imports_of(feature).items()
            if packages - {SHARED, feature}
        }
        assert offending == {}

    @pytest.mark.parametrize("feature", FEATURES)
    def test_it_lets_features_read_content_through_models_not_views(self, feature):
        reaching = {
            str(path.relative_to(ROOT))
            for path in source_files(feature)
            if any(name.startswith("kneecare.content.views") for name in imported_modules(path))
        }
        assert reaching == set()

    def test_it_finds_the_imports_it_checks(self):
        # Guards the test itself: clinics really does build on the shared layer.
        assert SHARED in imports_of("clinics")["clinics/receivers.py"]


# The web framework and its add-ons: a pure module imports none of them.
WEB_PACKAGES = ("django", "csp", "crispy", "template_partials", "simple_history", "axes")


def impure_imports(module: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """The web framework modules `module` imports, directly or through our other modules:
    empty for a pure module. The standard library and plain libraries (file parsers) are
    fine."""
    path = ROOT / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    impure = set()
    for name in imported_modules(path) - seen:
        if top_package(name) in OUR_PACKAGES:
            impure |= impure_imports(name, seen | {module})
        elif top_package(name).startswith(WEB_PACKAGES):
            impure.add(name)
    return impure


class TestPureModules:
    @pytest.mark.parametrize("module", PURE_MODULES)
    def test_it_imports_nothing_from_django_even_through_our_modules(self, module):
        assert impure_imports(module.removesuffix(".py").replace("/", ".")) == set()

    def test_it_has_mypy_check_every_pure_module_strictly(self):
        mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
        assert mypy["strict"] is True
        assert set(PURE_MODULES) <= set(mypy["files"])

    def test_it_sees_django_behind_one_of_our_modules(self):
        assert "django.dispatch" in impure_imports("kneecare.tools")


class TestTestFiles:
    def test_it_keeps_test_files_from_importing_each_other(self):
        # Shared inputs live in tests/inputs.py, fixtures in conftest.py, builders in
        # small helper modules: a test file is never a library.
        importing = {
            str(path.relative_to(ROOT)): names
            for path in sorted((ROOT / "tests").rglob("test_*.py"))
            if (
                names := {
                    name
                    for name in imported_modules(path)
                    if name.startswith("tests.") and name.rpartition(".")[2].startswith("test_")
                }
            )
        }
        assert importing == {}
