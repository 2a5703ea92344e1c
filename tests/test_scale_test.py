"""`make scale-test` (tests/load/scale.py) removes its working directory however it ends."""

import pytest

from tests.load import scale


def fill_like_a_run(workdir):
    """What a run leaves in its directory: logs, static files, nginx's tree (world-writable
    temp directory, as stack.start_nginx makes it)."""
    (workdir / "gunicorn-0.log").write_text("[INFO] Booting worker\n")
    (workdir / "static" / "css").mkdir(parents=True)
    (workdir / "static" / "css" / "site.css").write_text("body {}")
    temp = workdir / "nginx" / "temp" / "proxy"
    temp.mkdir(parents=True)
    temp.parent.chmod(0o777)
    (workdir / "nginx" / "access.log").write_text("GET /healthz 200 127.0.0.1:1\n")


@pytest.mark.parametrize("exit_code", [0, 1])
def test_it_removes_its_directory_after_a_pass_or_a_fail(monkeypatch, exit_code):
    used = []

    def run(workdir):
        used.append(workdir)
        fill_like_a_run(workdir)
        return exit_code

    monkeypatch.setattr(scale, "run", run)
    assert scale.main() == exit_code
    assert used and used[0].name.startswith("kneecare-scale-")
    assert not used[0].exists()


def test_it_removes_its_directory_when_the_run_stops_half_way(monkeypatch):
    used = []

    def run(workdir):
        used.append(workdir)
        fill_like_a_run(workdir)
        raise RuntimeError("gunicorn did not start")

    monkeypatch.setattr(scale, "run", run)
    with pytest.raises(RuntimeError, match="gunicorn did not start"):
        scale.main()
    assert not used[0].exists()


def test_it_removes_its_directory_when_postgresql_cannot_be_reached(monkeypatch):
    # The real run, stopped at its first step.
    used = []
    mkdtemp = scale.tempfile.mkdtemp
    monkeypatch.setattr(
        scale.tempfile, "mkdtemp", lambda **kwargs: used.append(mkdtemp(**kwargs)) or used[-1]
    )

    def refuse(*args, **kwargs):
        raise scale.psycopg.OperationalError("connection refused")

    monkeypatch.setattr(scale.psycopg, "connect", refuse)
    with pytest.raises(scale.psycopg.OperationalError):
        scale.main()
    assert len(used) == 1
    assert not scale.Path(used[0]).exists()
