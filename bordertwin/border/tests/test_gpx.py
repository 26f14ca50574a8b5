"""GPX is read whatever its encoding, and XML that declares a DTD or entities is refused in any encoding."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.border import geo, services
from bordertwin.border.models import Patrol

pytestmark = pytest.mark.django_db

POINTS = [(105.6, 18.15), (105.61, 18.16)]
REFUSED = "GPX files with a DOCTYPE or entities are refused."
LAUGHS = (
    '<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
EXTERNAL = '<!DOCTYPE gpx [<!ENTITY d SYSTEM "file:///etc/passwd">]>'
EXTERNAL_DTD = '<!DOCTYPE gpx SYSTEM "http://example.invalid/gpx.dtd">'
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be"]


def document(encoding: str, doctype: str = "") -> bytes:
    """A two-point GPX track saved in `encoding`, its XML declaration naming it; with a DOCTYPE, its name says `&d;`."""
    name = "<name>&d;</name>" if "ENTITY d" in doctype else ""
    points = "".join(f'<trkpt lat="{lat}" lon="{lon}"/>' for lon, lat in POINTS)
    declared = "utf-16" if encoding.startswith("utf-16") else encoding
    return (
        f'<?xml version="1.0" encoding="{declared}"?>{doctype}<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk>{name}<trkseg>{points}</trkseg></trk></gpx>"
    ).encode(encoding)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("doctype", [LAUGHS, EXTERNAL, EXTERNAL_DTD], ids=["billion-laughs", "external-entity", "external-dtd"])
def test_a_dtd_or_entities_are_refused_in_any_encoding(world, border, encoding, doctype):
    with pytest.raises(ValidationError) as error:
        services.set_route(border.patrol, document(encoding, doctype), acting_user=world.vn_border_officer)
    assert error.value.messages == [REFUSED]
    assert Patrol.objects.get(pk=border.patrol.pk).route_geojson == ""


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_plain_gpx_is_read_in_any_encoding(encoding):
    assert geo.parse_route(document(encoding)) == POINTS


def test_the_route_page_answers_a_translated_form_error(client, world, border):
    client.force_login(world.vn_border_officer)
    upload = SimpleUploadedFile("tuan-tra.gpx", document("utf-16", LAUGHS), content_type="application/gpx+xml")
    response = client.post(f"/border/patrols/{border.patrol.pk}/route/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert "Không chấp nhận tệp GPX có DOCTYPE hoặc entity." in response.content.decode()
    assert Patrol.objects.get(pk=border.patrol.pk).route_geojson == ""


def test_the_route_api_answers_400(api, world, border):
    api.force_authenticate(world.vn_border_officer)
    upload = SimpleUploadedFile("tuan-tra.gpx", document("utf-16-le", EXTERNAL), content_type="application/gpx+xml")
    response = api.post(f"/api/v1/patrols/{border.patrol.pk}/route/", {"file": upload}, format="multipart", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert REFUSED in str(response.json())
    assert Patrol.objects.get(pk=border.patrol.pk).route_geojson == ""
