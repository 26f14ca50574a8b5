"""Checks API responses against the project's own OpenAPI schema (served at /api/schema/)."""

from typing import Any

import requests
import schemathesis
from schemathesis.core.transport import Response

_SCHEMAS: dict[str, Any] = {}


def openapi(api: Any) -> Any:
    """The schema as schemathesis reads it, fetched once per test session."""
    if "schema" not in _SCHEMAS:
        response = api.get("/api/schema/", {"format": "json"})
        assert response.status_code == 200
        _SCHEMAS["schema"] = schemathesis.openapi.from_dict(response.json())
    return _SCHEMAS["schema"]


def conforms(api: Any, response: Any, method: str, path: str) -> None:
    """Raise when `response` (a DRF test response) does not match what the schema says of `method path`."""
    request = requests.Request(method.upper(), "http://testserver" + response.wsgi_request.get_full_path()).prepare()
    wrapped = Response(
        status_code=response.status_code, headers={k: [v] for k, v in response.headers.items()},
        content=response.content, request=request, elapsed=0.0, verify=False,
    )
    openapi(api)[path][method.upper()].validate_response(wrapped)
