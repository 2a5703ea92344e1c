"""Run KneeCare as it is deployed, on loopback: gunicorn with deploy/gunicorn.conf.py and
Debian's nginx with deploy/nginx/kneecare.conf, in a temporary directory.

Used by tests/test_nginx.py, `make scale-test` (tests/load/scale.py) and `make chaos`
(tests/load/chaos.py). nginx runs without root's paths: `nginx -p DIR -c DIR/nginx.conf`,
its pid, logs and temporary files under DIR, a self-signed certificate made here, and the
shipped site file with only its ports, names and paths swapped. Everything listens on
127.0.0.1 only.
"""

import http.client
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "localhost"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(workdir: Path, **overrides: str) -> dict[str, str]:
    """A production environment: DEBUG off, a fresh key, nginx on loopback as the proxy."""
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "TMPDIR") if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="kneecare.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        TRUSTED_PROXIES="127.0.0.1/32,::1/128",
        DATABASE_URL=f"sqlite:///{workdir / 'site.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="WARNING",
    )
    env.update(overrides)
    return env


def prepare_site(env: dict[str, str], *, static: bool = True) -> None:
    """Migrate and seed the database and, at the same time, collect the static files."""
    manage = [sys.executable, "manage.py"]
    steps = [f"{' '.join(manage)} migrate --noinput && {' '.join(manage)} seed_content"]
    if static:
        steps.append(f"{' '.join(manage)} collectstatic --noinput")
    running = [
        subprocess.Popen(
            step, shell=True, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for step in steps
    ]
    for step, process in zip(steps, running, strict=True):
        output, _ = process.communicate(timeout=300)
        if process.returncode:
            raise RuntimeError(f"{step} failed:\n{output.decode()}")


def wait_for(port: int, path: str = "/healthz", *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path, headers={"Host": HOST})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered {path} on port {port}")


def start_gunicorn(env: dict[str, str], port: int, log: Path, *, workers: int = 2):
    """gunicorn with the shipped config file, bound to loopback."""
    server_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    with log.open("ab") as output:
        server = subprocess.Popen(
            [GUNICORN, "-c", str(DEPLOY / "gunicorn.conf.py"), "kneecare.wsgi"],
            cwd=ROOT,
            env=server_env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(port)
    except RuntimeError:
        stop(server)
        raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}") from None
    return server


def stop(process) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def make_certificate(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return cert, key


def swap(text: str, old: str, new: str) -> str:
    """Replace a line of the shipped file, failing loudly if the file no longer has it."""
    if old not in text:
        raise AssertionError(f"deploy/nginx/kneecare.conf no longer contains {old!r}")
    return text.replace(old, new)


@dataclass
class Nginx:
    directory: Path
    https_port: int
    http_port: int
    process: subprocess.Popen | None = None
    log: Path = field(init=False)

    def __post_init__(self):
        self.log = self.directory / "error.log"

    def https(self, path: str = "/") -> str:
        return f"https://{HOST}:{self.https_port}{path}"

    def tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.directory / "cert.pem"))


def site_config(*, upstreams, https_port, http_port, cert, key, static_root) -> str:
    text = (DEPLOY / "nginx" / "kneecare.conf").read_text()
    text = swap(
        text,
        "    server 127.0.0.1:8000 max_fails=3 fail_timeout=5s;\n",
        "".join(
            f"    server 127.0.0.1:{port} max_fails=3 fail_timeout=5s;\n" for port in upstreams
        ),
    )
    text = "\n".join(line for line in text.splitlines() if "listen [::]" not in line)
    text = swap(text, "listen 80 default_server;", f"listen 127.0.0.1:{http_port} default_server;")
    text = swap(text, "listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl")
    text = swap(text, "server_name kneecare.example;", f"server_name {HOST};")
    text = swap(text, "/etc/ssl/kneecare/fullchain.pem", str(cert))
    text = swap(text, "/etc/ssl/kneecare/privkey.pem", str(key))
    text = swap(text, "alias /srv/kneecare/staticfiles/;", f"alias {static_root}/;")
    return swap(
        text, "/etc/nginx/kneecare_proxy.conf", str(DEPLOY / "nginx" / "kneecare_proxy.conf")
    )


def start_nginx(directory: Path, *, upstreams: list[int], static_root: Path) -> Nginx:
    directory.mkdir(parents=True, exist_ok=True)
    # nginx's workers run as `nobody` when the tests run as root: let them reach the files.
    for start in (directory, static_root):
        for path in (start, *start.parents):
            mode = path.stat().st_mode
            if path != start and mode & 0o005 == 0o005:
                break
            path.chmod(mode | 0o755)
    cert, key = make_certificate(directory)
    nginx = Nginx(directory=directory, https_port=free_port(), http_port=free_port())
    (directory / "kneecare.conf").write_text(
        site_config(
            upstreams=upstreams,
            https_port=nginx.https_port,
            http_port=nginx.http_port,
            cert=cert,
            key=key,
            static_root=static_root,
        )
    )
    temp = directory / "temp"
    (directory / "nginx.conf").write_text(
        f"""
worker_processes 1;
daemon off;
pid {directory}/nginx.pid;
error_log {nginx.log} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstream '$request_method $uri $status $upstream_addr';
    access_log {directory}/access.log upstream;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {directory}/kneecare.conf;
}}
"""
    )
    temp.mkdir(exist_ok=True)
    temp.chmod(0o777)
    check = subprocess.run(
        [
            NGINX,
            "-t",
            "-p",
            str(directory),
            "-c",
            str(directory / "nginx.conf"),
            "-e",
            str(nginx.log),
        ],
        capture_output=True,
        text=True,
    )
    if check.returncode:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    nginx.process = subprocess.Popen(
        [NGINX, "-p", str(directory), "-c", str(directory / "nginx.conf"), "-e", str(nginx.log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(nginx.http_port)
    return nginx


def upstreams_seen(nginx: Nginx) -> list[tuple[str, str, int, str]]:
    """(method, path, status, app server) for each request nginx passed on, in order."""
    rows = []
    for line in (nginx.directory / "access.log").read_text().splitlines():
        method, path, status, upstream = line.split(" ", 3)
        rows.append((method, path, int(status), upstream))
    return rows


def stop_nginx(nginx: Nginx) -> None:
    if nginx.process is not None:
        stop(nginx.process)
