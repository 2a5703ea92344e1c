"""Static files: served by WhiteNoise, all but the manifest of hashed names."""

from django.http import HttpResponse
from django.test import RequestFactory

from kneecare.staticfiles import StaticFilesMiddleware


class TestStaticFiles:
    def test_it_serves_static_files_but_not_the_manifest(self, settings, tmp_path):
        (tmp_path / "css").mkdir()
        (tmp_path / "css" / "site.abcdef123456.css").write_text("body{}")
        (tmp_path / "staticfiles.json").write_text('{"paths": {}}')
        settings.STATIC_ROOT = tmp_path
        settings.DEBUG = False
        middleware = StaticFilesMiddleware(lambda request: HttpResponse("from Django", status=404))
        factory = RequestFactory()
        served = middleware(factory.get("/static/css/site.abcdef123456.css"))
        assert served.status_code == 200
        assert b"".join(served.streaming_content) == b"body{}"
        manifest = middleware(factory.get("/static/staticfiles.json"))
        assert manifest.status_code == 404
        assert manifest.content == b"from Django"
