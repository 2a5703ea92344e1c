"""The strength plan: tick boxes, one stage at a time, a drawing for every exercise, and a
coach's replacement picture, checked and re-encoded."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kneecare.content.drawings import DrawingError, reencoded_drawing
from kneecare.content.models import Exercise
from kneecare.content.roles import COACHES
from tests.admin_forms import admin_post_data
from training.guidance import DRAWN

URL = "/training/strength/"


def png(width=800, height=400, mode="RGB", image_format="PNG", **save):
    out = io.BytesIO()
    Image.new(mode, (width, height), "white").save(out, format=image_format, **save)
    return out.getvalue()


@pytest.fixture
def coach_client(client, db):
    user = User.objects.create_user("coach", password="a-long-coach-password", is_staff=True)
    user.groups.add(Group.objects.get(name=COACHES))
    client.force_login(user)
    return client


class TestSheet:
    def test_it_has_real_tick_boxes_for_each_session_and_the_day_after(self, client, seeded):
        html = client.get(f"{URL}?weeks=8&sessions=2").content.decode()
        assert html.count("data-tick") == 8 * 3
        # Each box's label is its whole cell (a 44 px target), its words for screen readers.
        assert (
            '<label class="sheet-tick-target"><input class="form-check-input" type="checkbox" '
            'data-tick><span class="visually-hidden">Week 8, session 2 done</span></label>'
        ) in html
        assert (
            "☐" not in html
            and 'name="' not in html.split("data-sheet-weeks")[1].split("</table>")[0]
        )

    def test_it_opens_one_stage_at_a_time(self, client, seeded):
        html = client.get(URL).content.decode()
        assert html.count("<details") == 4
        assert html.count('<details class="strength-stage mt-3" data-stage-section="1" open>') == 1

    def test_it_shows_a_drawing_for_every_seeded_exercise(self, client, seeded):
        html = client.get(URL).content.decode()
        slugs = set(Exercise.objects.values_list("slug", flat=True))
        assert slugs == DRAWN
        for slug in slugs:
            assert f'src="/static/img/exercises/{slug}.svg"' in html, slug

    def test_every_drawing_is_a_titled_svg_without_script(self):
        folder = Path(settings.BASE_DIR) / "static" / "img" / "exercises"
        for slug in DRAWN:
            svg = (folder / f"{slug}.svg").read_text()
            assert svg.startswith("<svg") and "<title" in svg
            assert "<script" not in svg and "href" not in svg and "style" not in svg


class TestCoachPicture:
    def test_it_reencodes_a_picture_as_a_smaller_png(self):
        drawing = reencoded_drawing(png(1600, 800, image_format="JPEG", quality=90))
        with Image.open(io.BytesIO(drawing.png)) as image:
            assert (image.format, image.size) == ("PNG", (640, 320))
        assert len(drawing.version) == 16

    def test_it_drops_metadata(self):
        out = io.BytesIO()
        from PIL import PngImagePlugin

        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "<script>alert(1)</script>")
        Image.new("RGB", (50, 50)).save(out, format="PNG", pnginfo=info)
        assert b"<script>" not in reencoded_drawing(out.getvalue()).png

    @pytest.mark.parametrize(
        "data",
        [b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"not an image", png(8, 8), png()[:200]],
    )
    def test_it_refuses_what_is_not_a_sensible_picture(self, data):
        with pytest.raises(DrawingError):
            reencoded_drawing(data)

    def test_a_coach_replaces_the_drawing_and_the_page_shows_it(self, coach_client, client, seeded):
        exercise = Exercise.objects.get(slug="planks")
        page = f"/admin/content/exercise/{exercise.pk}/change/"
        data = admin_post_data(coach_client.get(page))
        data["picture_upload"] = SimpleUploadedFile("plank.jpg", png(image_format="JPEG"))
        response = coach_client.post(page, data)
        assert response.status_code == 302, response.content.decode()[:2000]

        exercise.refresh_from_db()
        assert bytes(exercise.drawing).startswith(b"\x89PNG") and exercise.drawing_version
        address = f"/exercises/planks/picture.png?v={exercise.drawing_version}"
        assert f'src="{address}"' in client.get(URL).content.decode()
        picture = client.get(address)
        assert picture["Content-Type"] == "image/png" and "immutable" in picture["Cache-Control"]

    def test_a_coach_gets_a_message_for_a_bad_picture(self, coach_client, seeded):
        exercise = Exercise.objects.get(slug="planks")
        page = f"/admin/content/exercise/{exercise.pk}/change/"
        data = admin_post_data(coach_client.get(page))
        data["picture_upload"] = SimpleUploadedFile("x.svg", b"<svg onload='alert(1)'/>")
        response = coach_client.post(page, data)
        assert response.status_code == 200
        assert "SVG is not accepted" in response.content.decode()

    def test_an_exercise_without_a_picture_has_no_picture_address(self, client, seeded):
        assert client.get("/exercises/planks/picture.png").status_code == 404
