"""`make audit`: pip-audit over requirements.lock, refusing to call an audit it could not do.

pip-audit looks every locked package up in a vulnerability service (PyPI's JSON API by
default). When it cannot (no internet, or only a package mirror that has no JSON API), it
skips the package, prints "No known vulnerabilities found" and exits 0: a clean result that
checked nothing. This script reads pip-audit's JSON instead and exits

- 0 when every package was looked up and none has a known vulnerability,
- 1 when a package has a known vulnerability,
- 2 when any package could not be looked up, saying so plainly.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = str(Path(sys.executable).with_name("pip-audit"))


def verdict(report: dict) -> tuple[int, list[str]]:
    """The exit status and the lines to print for pip-audit's JSON report."""
    packages = report["dependencies"]
    skipped = [package for package in packages if package.get("skip_reason")]
    vulnerable = [package for package in packages if package.get("vulns")]
    audited = len(packages) - len(skipped)
    lines = []
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            lines.append(
                f"VULNERABLE {package['name']} {package['version']}: {vuln['id']} ({fixes})"
            )
    if skipped or not packages:
        lines.append(
            f"make audit: NOT AUDITED. {len(skipped)} of {len(packages)} locked packages could "
            "not be looked up in a vulnerability service (none reachable from here?), so this "
            "is not a clean result."
        )
        lines += [f"  {package['name']}: {package['skip_reason']}" for package in skipped[:5]]
        if len(skipped) > 5:
            lines.append(f"  ... and {len(skipped) - 5} more")
        return 2, lines
    if vulnerable:
        lines.append(
            f"make audit: {len(vulnerable)} of {audited} packages have known vulnerabilities."
        )
        return 1, lines
    lines.append(f"make audit: all {audited} locked packages audited; no known vulnerabilities.")
    return 0, lines


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report_path = Path(tmp) / "audit.json"
        command = [
            PIP_AUDIT,
            "--requirement",
            "requirements.lock",
            "--disable-pip",
            "--no-deps",  # the lock file pins every package already
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--output",
            str(report_path),
            *sys.argv[1:],  # e.g. `--vulnerability-service osv`
        ]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if not report_path.exists():
            last_line = (run.stderr.strip().splitlines() or ["(no output)"])[-1]
            print(f"pip-audit: {last_line}", file=sys.stderr)
            print("make audit: NOT AUDITED. pip-audit failed before it could report.")
            return 2
        status, lines = verdict(json.loads(report_path.read_text()))
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
