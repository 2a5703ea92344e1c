"""Random, oversized, malformed and non-UTF-8 input never makes a form endpoint fail.

The test client re-raises any exception a view lets escape (a 500 in production), so
such an exception fails the test with hypothesis's smallest failing example.
"""

from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinics.models import Clinic
from symptoms.forms import SymptomForm
from training.forms import (
    AfterRunForm,
    CadenceForm,
    RampPlanForm,
    ReturnToRunForm,
    ShoeForm,
    SpikeForm,
    StrengthSheetForm,
    WeeklyCheckForm,
)

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SYMPTOM_FIELDS = list(SymptomForm.base_fields)
SYMPTOM_PATHS = ["/symptoms/check/", "/c/fuzz-clinic/symptoms/check/"]

# Values a runner, a broken client or an attacker might send.
texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "0", "-1", "1e309", "NaN", "inf", "99999999999999999999", "on", "✓"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(alphabet="0123456789.-+e ", max_size=12),
    st.builds(lambda n: "9" * n, st.integers(min_value=1000, max_value=200_000)),
    st.just("\x00"),
)
raw_bytes = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"\xff\xfe", b"%ff%fe", b"%", b"%%", b"%zz", b"\xc0\xaf", b"a=%E0%A4%A"]),
)


def field_names(fields):
    return st.one_of(st.sampled_from(fields), st.text(max_size=20))


def form_answers(fields):
    """A form body as a list of pairs: keys may repeat, be unknown or be missing."""
    pair = st.tuples(field_names(fields), st.one_of(texts, raw_bytes))
    return st.lists(pair, max_size=30)


VALID_SYMPTOM_ANSWERS = [
    ("age", "34"),
    ("pain_location", "front"),
    ("onset", "sudden"),
    ("injury_event", "twist"),
    ("swelling", "within-hour"),
    ("weight_bearing", "painful"),
    ("worse_with", "stairs"),
    ("pain_level", "6"),
    ("heard_pop", "on"),
]


def nearly_valid(valid_pairs, fields):
    """A valid answer set with some answers dropped and odd ones added, so the fuzzing
    also reaches the triage and the result, not only the form's error messages."""
    kept = st.lists(st.booleans(), min_size=len(valid_pairs), max_size=len(valid_pairs)).map(
        lambda keep: [pair for pair, flag in zip(valid_pairs, keep, strict=True) if flag]
    )
    return st.tuples(kept, form_answers(fields)).map(lambda both: both[0] + both[1][:3])


def encode(pairs) -> bytes:
    parts = []
    for name, value in pairs:
        name_bytes = name.encode("utf-8", "surrogatepass")
        value_bytes = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
        parts.append(quote_from_bytes(name_bytes) + "=" + quote_from_bytes(value_bytes))
    return "&".join(parts).encode("ascii")


def as_header(name: str) -> str:
    """A header value as WSGI hands it over: bytes decoded as latin-1."""
    return name.encode("utf-8", "replace").decode("latin-1")


htmx_headers = st.one_of(
    st.just({}),
    st.just({"HTTP_HX_REQUEST": "true"}),
    st.builds(
        lambda name: {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": as_header(f"question-{name}")},
        field_names(SYMPTOM_FIELDS),
    ),
)


@pytest.fixture
def fuzz_client(client, seeded, settings):
    """A client the rate limit never stops, with a clinic link to post through."""
    settings.RATELIMIT_ENABLE = False
    Clinic.objects.get_or_create(slug="fuzz-clinic", defaults={"name": "Fuzz Clinic"})
    return client


def assert_no_server_error(response):
    assert response.status_code < 500, response.status_code


class TestSymptomCheck:
    @FUZZ
    @given(
        path=st.sampled_from(SYMPTOM_PATHS),
        pairs=st.one_of(
            form_answers(SYMPTOM_FIELDS), nearly_valid(VALID_SYMPTOM_ANSWERS, SYMPTOM_FIELDS)
        ),
        headers=htmx_headers,
    )
    def test_it_survives_any_form_body(self, fuzz_client, path, pairs, headers):
        response = fuzz_client.generic(
            "POST",
            path,
            encode(pairs),
            content_type="application/x-www-form-urlencoded",
            **headers,
        )
        assert_no_server_error(response)

    @FUZZ
    @given(
        path=st.sampled_from(SYMPTOM_PATHS),
        body=raw_bytes,
        content_type=st.sampled_from(
            [
                "application/x-www-form-urlencoded",
                "application/x-www-form-urlencoded; charset=latin-1",
                "application/x-www-form-urlencoded; charset=nonsense",
                "multipart/form-data; boundary=xyz",
                "multipart/form-data",
                "application/json",
                "text/plain",
                "",
            ]
        ),
        headers=htmx_headers,
    )
    def test_it_survives_raw_bytes_of_any_content_type(
        self, fuzz_client, path, body, content_type, headers
    ):
        response = fuzz_client.generic("POST", path, body, content_type=content_type, **headers)
        assert_no_server_error(response)

    @FUZZ
    @given(
        path=st.sampled_from(SYMPTOM_PATHS),
        query=raw_bytes,
        method=st.sampled_from(["GET", "HEAD", "POST"]),
    )
    def test_it_survives_a_raw_query_string(self, fuzz_client, path, query, method):
        # WSGI hands Django the query string as bytes decoded as latin-1.
        response = fuzz_client.generic(method, path, QUERY_STRING=query.decode("latin-1"))
        assert_no_server_error(response)

    def test_it_survives_a_huge_answer(self, fuzz_client):
        for size in [100_000, 3_000_000]:
            response = fuzz_client.post(
                "/symptoms/check/", {"pain_level": "9" * size, "age": "x" * size}
            )
            assert_no_server_error(response)

    def test_it_survives_thousands_of_repeated_keys(self, fuzz_client):
        body = b"&".join([b"worse_with=stairs"] * 5000 + [b"onset=sudden"] * 5000)
        response = fuzz_client.generic(
            "POST", "/symptoms/check/", body, content_type="application/x-www-form-urlencoded"
        )
        assert_no_server_error(response)


TRAINING_TOOLS = {
    "/training/mileage/": list(RampPlanForm.base_fields) + list(WeeklyCheckForm.base_fields),
    "/training/mileage/plan.csv": list(RampPlanForm.base_fields),
    "/training/mileage/plan.ics": list(RampPlanForm.base_fields),
    "/training/spike/": list(SpikeForm.base_fields),
    "/training/cadence/": list(CadenceForm.base_fields),
    "/training/shoes/": list(ShoeForm.base_fields),
    "/training/strength/": list(StrengthSheetForm.base_fields),
    "/training/return-to-run/": list(ReturnToRunForm.base_fields) + list(AfterRunForm.base_fields),
    "/training/return-to-run/schedule.ics": list(ReturnToRunForm.base_fields),
}
VALID_TRAINING_ANSWERS = [
    ("current", "20"),
    ("goal", "30"),
    ("unit", "mi"),
    ("race_date", "2099-10-04"),
    ("last_week", "20"),
    ("this_week", "0"),
    ("longest_30d", "10"),
    ("planned", "12.5"),
    ("foot_strikes", "80"),
    ("distance", "700"),
    ("tread_worn", "on"),
    ("weeks", "8"),
    ("sessions", "2"),
    ("days_between", "3"),
    ("pain_during", "4"),
    ("settled", "yes"),
]
ALL_TRAINING_FIELDS = sorted({name for fields in TRAINING_TOOLS.values() for name in fields})
training_paths = st.sampled_from(list(TRAINING_TOOLS)).flatmap(
    lambda path: st.sampled_from([path, "/c/fuzz-clinic" + path])
)
training_headers = st.one_of(
    st.just({}),
    st.builds(
        lambda target: {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": as_header(target)},
        st.one_of(
            st.sampled_from(["tool", "result", "check-result", "question-age"]),
            st.text(max_size=20),
        ),
    ),
    st.just({"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}),
)


# Invalid queries make long page-cache keys, which only memcached would refuse.
@pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning")
class TestTrainingTools:
    @FUZZ
    @given(
        path=training_paths,
        pairs=st.one_of(
            form_answers(ALL_TRAINING_FIELDS),
            nearly_valid(VALID_TRAINING_ANSWERS, ALL_TRAINING_FIELDS),
        ),
        headers=training_headers,
    )
    def test_it_survives_any_query(self, fuzz_client, path, pairs, headers):
        query = encode(pairs).decode("ascii")
        response = fuzz_client.get(path, QUERY_STRING=query, **headers)
        assert_no_server_error(response)

    @FUZZ
    @given(path=training_paths, query=raw_bytes, headers=training_headers)
    def test_it_survives_a_raw_query_string(self, fuzz_client, path, query, headers):
        response = fuzz_client.generic("GET", path, QUERY_STRING=query.decode("latin-1"), **headers)
        assert_no_server_error(response)

    def test_it_survives_huge_and_repeated_values(self, fuzz_client):
        for path, fields in TRAINING_TOOLS.items():
            for query in [
                "&".join(f"{name}={'9' * 50_000}" for name in fields),
                "&".join(f"{name}=1e999999" for name in fields),
                "&".join(["current=20&goal=30"] * 900),
            ]:
                assert_no_server_error(fuzz_client.get(path, QUERY_STRING=query))

    def test_it_refuses_other_methods_without_an_error(self, fuzz_client):
        for path in TRAINING_TOOLS:
            for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]:
                assert_no_server_error(fuzz_client.generic(method, path, b"current=1"))
