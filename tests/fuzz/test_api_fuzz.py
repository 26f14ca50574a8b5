"""Fuzzing the API with its own OpenAPI schema: no input, however odd, gets a server error.

Schemathesis generates requests for every GET, POST and PATCH of places, organisations,
partnerships, agreements and commitments, and sends them in-process through Django's WSGI
handler, signed in as an administrator by token. Examples are bounded and derandomized
so the run is repeatable and short.
"""

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

RESOURCES = ("places", "organisations", "partnerships", "agreements", "commitments")


def load_schema() -> Any:
    raw = SchemaGenerator().get_schema(request=None, public=True)
    document = json.loads(OpenApiJsonRenderer().render(raw))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = WSGIHandler()
    # The coverage phase sends hundreds of boundary cases per operation; generated
    # examples and fuzzing, bounded below, keep the run under two minutes.
    loaded.config.phases.coverage.enabled = False
    return loaded.include(path_regex=rf"^/api/v1/({'|'.join(RESOURCES)})/", method=["GET", "POST", "PATCH"])


schema = load_schema()
_turns = itertools.count()


@pytest.fixture
def fuzz_target(db: Any) -> Iterator[dict[str, Any]]:
    """The shared world, an administrator's token, and a real record of each kind for `{id}` paths."""
    from rest_framework.authtoken.models import Token

    from bordertwin.core.testing import build_world, place
    from bordertwin.places.models import Organisation

    # Like Django's test client: a request must not close the test's connection on its way
    # in or out (on PostgreSQL that would end the transaction the test runs in).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    world = build_world()
    committee = Organisation.objects.create(name_vi="UBND huyện Hương Khê", kind="peoples_committee", place=place("VN-2008-D444"))
    yield {
        "headers": {"Authorization": f"Token {Token.objects.create(user=world.admin).key}"},
        "ids": {
            "places": place("LA-VC-NOONGMA").pk, "organisations": committee.pk, "partnerships": world.hk_nakai.pk,
            "agreements": world.hk_memorandum.pk, "commitments": world.hk_commitment.pk,
        },
    }
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=15, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_never_answers_with_a_server_error(case: Any, fuzz_target: dict[str, Any]) -> None:
    resource = case.path.split("/")[3]
    if case.path_parameters and "id" in case.path_parameters and next(_turns) % 2 == 0:
        # Half the single-record cases aim at a record that exists, to reach validation and saving.
        case.path_parameters["id"] = fuzz_target["ids"][resource]
    case.call_and_validate(headers=fuzz_target["headers"], checks=[not_a_server_error])
