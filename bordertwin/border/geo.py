"""Coordinates on the Vietnam–Laos border: where they may lie, how long a route is, how routes are read.

Routes come as a GPX track (from a handheld GPS) or GeoJSON (drawn on the map or exported
from another tool) and are kept as a GeoJSON LineString of [longitude, latitude] pairs.
GPX is parsed with defusedxml, which refuses any DOCTYPE, entity or external reference
whatever the file's encoding (UTF-8 or UTF-16), so no entity expansion ("billion
laughs") or external entity can run.
"""

import codecs
import json
import math
from dataclasses import dataclass
from decimal import Decimal

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as parse_xml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Boxes whose union holds both countries: Vietnam, then Laos (latitude and longitude ranges).
COUNTRY_BOXES = (
    (8.0, 23.5, 102.0, 110.0),
    (13.5, 22.6, 100.0, 107.8),
)
MAX_ROUTE_BYTES = 5 * 1024 * 1024
MAX_ROUTE_POINTS = 50_000
MAX_DISTANCE_FROM_SEGMENT_KM = 20.0
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.32

Point = tuple[float, float]  # (longitude, latitude)
# How XML saved as UTF-16 begins, beside "<": a byte order mark, or a zero byte and "<" (big-endian).
XML_STARTS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"\x00<")


@dataclass(frozen=True)
class Bounds:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @classmethod
    def of(cls, points: list[Point]) -> "Bounds":
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        return cls(min(lons), min(lats), max(lons), max(lats))

    def grown(self, km: float) -> "Bounds":
        """These bounds widened by `km` on every side."""
        dlat = km / KM_PER_DEGREE_LATITUDE
        mid = math.radians((self.min_lat + self.max_lat) / 2)
        dlon = km / (KM_PER_DEGREE_LATITUDE * max(math.cos(mid), 0.1))
        return Bounds(self.min_lon - dlon, self.min_lat - dlat, self.max_lon + dlon, self.max_lat + dlat)

    def contains(self, point: Point) -> bool:
        lon, lat = point
        return self.min_lon <= lon <= self.max_lon and self.min_lat <= lat <= self.max_lat


def within_countries(latitude: float | Decimal, longitude: float | Decimal) -> bool:
    """Whether a point lies in Vietnam or Laos (by a union of boxes: coarse, but refuses the absurd)."""
    lat, lon = float(latitude), float(longitude)
    return any(a <= lat <= b and c <= lon <= d for a, b, c, d in COUNTRY_BOXES)


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance between two (longitude, latitude) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def length_km(points: list[Point]) -> Decimal:
    total = sum(distance_km(points[i], points[i + 1]) for i in range(len(points) - 1))
    return Decimal(str(round(total, 3)))


def parse_bbox(text: str) -> Bounds:
    """`minlon,minlat,maxlon,maxlat` as the API receives it; ValueError when malformed."""
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError("four numbers")
    min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    values = (min_lon, min_lat, max_lon, max_lat)
    if any(math.isnan(v) or math.isinf(v) for v in values):
        raise ValueError("finite numbers")
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError("ordered, within the globe")
    return Bounds(*values)


def line_geojson(points: list[Point]) -> str:
    return json.dumps({"type": "LineString", "coordinates": [[round(x, 6), round(y, 6)] for x, y in points]})


def check_route_size(size: int) -> None:
    if size > MAX_ROUTE_BYTES:
        raise ValidationError(
            _("The route file is larger than {limit} MB.").format(limit=MAX_ROUTE_BYTES // (1024 * 1024))
        )


def parse_route(data: bytes, name: str = "") -> list[Point]:
    """The points of a GPX track or a GeoJSON line; ValidationError with a clear message otherwise."""
    check_route_size(len(data))
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise ValidationError(_("The route file is empty."))
    if stripped[:1] in (b"{", b"["):
        points = _geojson_points(stripped)
    elif stripped[:1] == b"<" or stripped[:2] in XML_STARTS:
        points = _gpx_points(stripped)
    else:
        raise ValidationError(_("A route is a GPX track or a GeoJSON line."))
    if len(points) < 2:
        raise ValidationError(_("A route needs at least two points."))
    if len(points) > MAX_ROUTE_POINTS:
        raise ValidationError(_("A route has at most {limit} points.").format(limit=MAX_ROUTE_POINTS))
    for lon, lat in points:
        if not within_countries(lat, lon):
            raise ValidationError(
                _("The point {lat}, {lon} lies outside Vietnam and Laos.").format(lat=round(lat, 6), lon=round(lon, 6))
            )
    return points


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError
    return number


def _geojson_points(data: bytes) -> list[Point]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ValidationError(_("The GeoJSON could not be read: {error}.").format(error=error)) from None
    geometry = document
    if isinstance(geometry, dict) and geometry.get("type") == "FeatureCollection":
        lines = [f.get("geometry") for f in geometry.get("features") or [] if isinstance(f, dict)]
        lines = [g for g in lines if isinstance(g, dict) and g.get("type") in ("LineString", "MultiLineString")]
        if len(lines) != 1:
            raise ValidationError(_("The GeoJSON must hold exactly one line."))
        geometry = lines[0]
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in ("LineString", "MultiLineString"):
        raise ValidationError(_("The GeoJSON must be a LineString."))
    coordinates = geometry.get("coordinates")
    if geometry["type"] == "MultiLineString" and isinstance(coordinates, list):
        coordinates = [c for line in coordinates if isinstance(line, list) for c in line]
    if not isinstance(coordinates, list):
        raise ValidationError(_("The GeoJSON line has no coordinates."))
    points = []
    try:
        for pair in coordinates:
            if not isinstance(pair, list) or len(pair) < 2:
                raise ValueError
            points.append((_number(pair[0]), _number(pair[1])))
            if len(points) > MAX_ROUTE_POINTS:
                break
    except ValueError:
        raise ValidationError(_("Each point of the GeoJSON line is [longitude, latitude].")) from None
    return points


def _gpx_points(data: bytes) -> list[Point]:
    try:
        root = parse_xml(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ValidationError(_("GPX files with a DOCTYPE or entities are refused.")) from None
    except ParseError as error:
        raise ValidationError(_("The GPX file could not be read: {error}.").format(error=error)) from None
    if root.tag.rsplit("}", 1)[-1] != "gpx":
        raise ValidationError(_("This is not a GPX file."))
    points: list[Point] = []
    for kind in ("trkpt", "rtept"):
        for element in root.iter():
            if element.tag.rsplit("}", 1)[-1] != kind:
                continue
            try:
                points.append((_number(element.get("lon")), _number(element.get("lat"))))
            except (TypeError, ValueError):
                raise ValidationError(_("A GPX point has no valid latitude and longitude.")) from None
            if len(points) > MAX_ROUTE_POINTS:
                return points
        if points:
            break
    if not points:
        raise ValidationError(_("The GPX file holds no track or route points."))
    return points
