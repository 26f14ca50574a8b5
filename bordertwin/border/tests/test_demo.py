import io

import pytest

from bordertwin.accounts import demo as accounts_demo
from bordertwin.border import demo
from bordertwin.border.geo import within_countries
from bordertwin.border.models import Incident, Marker, MarkerInspection, Patrol, Segment
from bordertwin.partnerships import demo as partnerships_demo

pytestmark = pytest.mark.django_db


def test_the_demo_border_loads_once_and_stays_on_the_border(monkeypatch):
    monkeypatch.setenv("BORDERTWIN_DEMO_PASSWORD", "a-demo-password-123")
    out = io.StringIO()
    accounts_demo.load(out)
    partnerships_demo.load(out)
    first = demo.load(out)
    assert demo.load(out) == first
    assert Segment.objects.count() == 2
    assert Patrol.objects.count() == 8
    assert MarkerInspection.objects.count() == Marker.objects.count() * 4 - 2  # one marker per segment missed last time
    hk = Segment.objects.get(partnership__vn_place__key="VN-2008-D444")
    assert hk.length_km == 51
    for marker in Marker.objects.all():
        assert within_countries(marker.latitude, marker.longitude)
        assert 500 <= int(marker.number.split("(")[0]) < 600
    assert all(18.0 <= float(m.latitude) <= 18.3 and 105.5 <= float(m.longitude) <= 105.8 for m in hk.markers.all())
    assert all("[Dữ liệu mẫu]" in i.description for i in Incident.objects.all())
    assert Incident.objects.values("category").distinct().count() >= 4
    # Invented, and told apart from recorded facts in the API: every record of this demo is flagged.
    for model in (Segment, Marker, Patrol, MarkerInspection, Incident):
        assert model.objects.exists() and not model.objects.filter(is_example=False).exists(), model


def test_the_api_tells_the_invented_patrols_apart(monkeypatch, api):
    monkeypatch.setenv("BORDERTWIN_DEMO_PASSWORD", "a-demo-password-123")
    out = io.StringIO()
    accounts_demo.load(out)
    partnerships_demo.load(out)
    demo.load(out)
    from bordertwin.accounts.models import User

    api.force_authenticate(User.objects.get(username="admin"))
    features = api.get("/api/v1/patrols/").json()
    rows = features.get("features") or features.get("results", {}).get("features") or features.get("results")
    assert rows and all((row.get("properties") or row)["is_example"] is True for row in rows)
