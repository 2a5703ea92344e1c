"""gunicorn settings for KneeCare behind nginx (deploy/nginx/kneecare.conf).

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py kneecare.wsgi

It binds to loopback: only the proxy in front talks to it. With the proxy on another
machine, set GUNICORN_BIND to this server's private address (never 0.0.0.0 on a public
interface) and list the proxy in TRUSTED_PROXIES. Sync workers are safe only because nginx
buffers whole requests and responses: a slow client ties up nginx, not a worker.
"""

import multiprocessing
import os

bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"

# A request that takes longer than this is stuck: the worker is replaced. nginx gives up
# a little later (proxy_read_timeout 35s), so it answers 504 rather than seeing a reset.
timeout = 30
graceful_timeout = 20
# Recycle workers now and then, staggered, so a slow leak can never build up.
max_requests = 2000
max_requests_jitter = 200

# X-Forwarded-Proto only from our own proxies; the app checks TRUSTED_PROXIES as well.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1,::1")

# Small, strict request heads (nginx's limits are the same or tighter).
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = "warning"
