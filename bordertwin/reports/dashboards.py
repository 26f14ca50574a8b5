"""The figures behind the dashboards: one partnership, and every partnership of a province in the user's scope.

Counts and sums are computed in the database, grouped, so a dashboard costs the same few
queries for a partnership with ten deliveries or ten thousand.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.functional import Promise

from bordertwin.access.users import Actor
from bordertwin.core.choices import Side
from bordertwin.partnerships import services as partnership_services
from bordertwin.partnerships.choices import CommitmentStatus, Domain
from bordertwin.partnerships.models import Commitment, Partnership, sides
from bordertwin.places.models import Place
from bordertwin.tracking.choices import ActivityKind, Currency, DeliveryCategory
from bordertwin.tracking.models import Activity, Delivery

PARTNERSHIP_RELATED = sides()
CHART_CURRENCY = Currency.VND


STATUS_COLOURS: dict[str, str] = {
    CommitmentStatus.PROPOSED: "#9aa9b6", CommitmentStatus.AGREED: "#343f99", CommitmentStatus.IN_PROGRESS: "#d99a00",
    CommitmentStatus.DONE: "#1f6b3a", CommitmentStatus.CARRIED_OVER: "#6a4c93", CommitmentStatus.CANCELLED: "#b3261e",
}
SIDE_COLOURS = {"VN": "#c8102e", "LA": "#1d4e89"}


def chart(kind: str, labels: list[Any], series: Sequence[tuple[str | Promise, Sequence[Any]]], stacked: bool = True,
          counts: bool = False, colours: list[str] | None = None) -> dict[str, Any]:
    """A chart as the page script draws it: labels on the x axis, one named series per colour."""
    return {
        "type": kind, "stacked": stacked, "counts": counts, "labels": [str(label) for label in labels],
        "series": [
            {"label": str(name), "data": [float(v) for v in values], **({"colour": colours[i]} if colours else {})}
            for i, (name, values) in enumerate(series)
        ],
    }


def status_chart(counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Commitments by domain (x) and status (series)."""
    domains = [(value, label) for value, label in Domain.choices if value in counts]
    shown = [(status, label) for status, label in CommitmentStatus.choices if any(counts[d].get(status) for d, _l in domains)]
    series = [(label, [counts[d].get(status, 0) for d, _l in domains]) for status, label in shown]
    return chart("bar", [label for _d, label in domains], series, counts=True,
                 colours=[STATUS_COLOURS[status] for status, _label in shown])


def status_table(counts: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Commitments by domain and status as a table: only the statuses that occur get a column."""
    statuses = [(s, label) for s, label in CommitmentStatus.choices if any(counts[d].get(s) for d in counts)]
    rows = [
        {"domain": value, "label": label, "total": sum(counts[value].values()),
         "cells": [counts[value].get(s, 0) for s, _l in statuses]}
        for value, label in Domain.choices if value in counts
    ]
    return {"statuses": [label for _s, label in statuses], "rows": rows}


def aid_rows(deliveries: QuerySet) -> list[dict[str, Any]]:
    """Delivered value and count by year, category, giving side and currency (one grouped query)."""
    rows = (
        deliveries.annotate(year=ExtractYear("delivered_on"))
        .values("year", "category", "giver_side", "currency")
        .annotate(total=Sum("value"), count=Count("pk"))
        .order_by("year", "category", "giver_side", "currency")
    )
    categories, side_labels = dict(DeliveryCategory.choices), dict(Side.choices)
    return [
        {**row, "category_label": categories.get(row["category"], row["category"]),
         "side_label": side_labels.get(row["giver_side"], row["giver_side"]), "total": row["total"] or Decimal(0)}
        for row in rows
    ]


def aid_by_year(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A table (year, category, side, currency totals) and a chart of the value given per year and side."""
    table: dict[tuple[int, str, str], dict[str, Any]] = {}
    chart_values: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in rows:
        key = (row["year"], row["category_label"], row["side_label"])
        entry = table.setdefault(key, {
            "year": row["year"], "category": row["category_label"], "side": row["side_label"], "count": 0, "totals": {},
        })
        entry["count"] += row["count"]
        if row["currency"]:
            entry["totals"][row["currency"]] = entry["totals"].get(row["currency"], Decimal(0)) + row["total"]
        if row["currency"] == CHART_CURRENCY:
            chart_values[row["year"]][row["giver_side"]] += row["total"]
    years = sorted(chart_values)
    shown = [(side, label) for side, label in Side.choices if any(chart_values[y].get(side) for y in years)]
    series = [(label, [chart_values[y].get(side, Decimal(0)) for y in years]) for side, label in shown]
    entries = sorted(table.values(), key=lambda e: (e["year"], str(e["category"]), str(e["side"])))
    for entry in entries:
        entry["totals"] = sorted(entry["totals"].items(), key=lambda item: Currency.values.index(item[0]))
    return entries, chart("bar", years, series, colours=[SIDE_COLOURS[side] for side, _label in shown])


def aid_category_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The value given per year (x) by category of support (series), in the chart currency."""
    values: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in rows:
        if row["currency"] == CHART_CURRENCY:
            values[row["category"]][row["year"]] += row["total"]
    years = sorted({year for by_year in values.values() for year in by_year})
    series = [
        (label, [values[category].get(y, Decimal(0)) for y in years])
        for category, label in DeliveryCategory.choices if category in values
    ]
    return chart("bar", years, series)


def activity_chart(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Activities per year (x) by kind (series), from rows of year, kind, count."""
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    years = sorted({row["year"] for row in rows})
    for row in rows:
        counts[row["kind"]][row["year"]] = row["count"]
    series = [(label, [counts[kind].get(y, 0) for y in years]) for kind, label in ActivityKind.choices if kind in counts]
    return chart("bar", years, series, counts=True)


def partnership_dashboard(partnership: Partnership, user: Actor) -> dict[str, Any]:
    """Commitments by domain and status, the timeline of activities, and aid by year, category and side."""
    commitments = list(
        Commitment.objects.restrict(user).filter(agreement__partnership=partnership).only("pk", "domain", "status")
    )
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for commitment in commitments:
        counts[commitment.domain][commitment.status] += 1
    activities = list(
        Activity.objects.restrict(user).filter(partnership=partnership)
        .only("pk", "kind", "title", "started_on", "ended_on", "date_precision", "venue", "confirmation", "partnership_id")
        .order_by("-started_on", "-pk")
    )
    per_year: dict[tuple[int, str], int] = defaultdict(int)
    for activity in activities:
        per_year[(activity.started_on.year, activity.kind)] += 1
    timeline: dict[int, list[Activity]] = defaultdict(list)
    for activity in activities:
        timeline[activity.started_on.year].append(activity)
    rows = aid_rows(Delivery.objects.restrict(user).filter(partnership=partnership))
    aid_table, aid_chart = aid_by_year(rows)
    return {
        "status_table": status_table(counts),
        "status_chart": status_chart(counts),
        "commitment_count": len(commitments),
        "open_count": sum(1 for c in commitments if c.status in partnership_services.OPEN_STATUSES),
        "timeline": sorted(timeline.items(), reverse=True),
        "activity_count": len(activities),
        "activity_chart": activity_chart([{"year": y, "kind": k, "count": n} for (y, k), n in per_year.items()]),
        "aid_table": aid_table,
        "aid_chart": aid_chart,
        "aid_category_chart": aid_category_chart(rows),
        "chart_currency": CHART_CURRENCY,
    }


def province_choices(partnerships: list[Partnership]) -> list[Place]:
    """The provinces (of either side, former ones included) the visible partnerships lie in."""
    keys = set()
    for partnership in partnerships:
        for place in (partnership.vn_place, partnership.la_place):
            first = place.path.strip("/").split("/")[0]
            keys.add(first)
    return list(Place.all_objects.filter(key__in=keys, level="province").order_by("country", "name_vi"))


def overview(user: Actor, province: Place | None = None) -> dict[str, Any]:
    """Every partnership in the user's scope (of one province, when given), side by side, with totals."""
    visible = Partnership.objects.restrict(user)
    every = list(visible.select_related(*PARTNERSHIP_RELATED))
    chosen = visible
    if province is not None:
        chosen = visible.filter(Q(vn_place__path__startswith=province.path) | Q(la_place__path__startswith=province.path))
    ids = {p.pk for p in chosen.only("pk")} if province is not None else {p.pk for p in every}
    partnerships = [p for p in every if p.pk in ids]
    commitments = Commitment.objects.restrict(user).filter(agreement__partnership__in=chosen.values("pk"))
    by_partnership: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in commitments.values("agreement__partnership", "domain", "status").annotate(n=Count("pk")).order_by():
        by_partnership[row["agreement__partnership"]][row["status"]] += row["n"]
        counts[row["domain"]][row["status"]] += row["n"]
    activities = Activity.objects.restrict(user).filter(partnership__in=chosen.values("pk"))
    activity_counts = dict(activities.values("partnership").annotate(n=Count("pk")).order_by().values_list("partnership", "n"))
    activity_years = list(
        activities.annotate(year=ExtractYear("started_on")).values("year", "kind").annotate(count=Count("pk")).order_by()
    )
    deliveries = Delivery.objects.restrict(user).filter(partnership__in=chosen.values("pk"))
    value_by_partnership: dict[int, Decimal] = defaultdict(Decimal)
    for pk, total in (
        deliveries.filter(currency=CHART_CURRENCY).values("partnership").annotate(total=Sum("value")).order_by()
        .values_list("partnership", "total")
    ):
        value_by_partnership[pk] = total or Decimal(0)
    rows_by_year = aid_rows(deliveries)
    aid_table, aid_chart = aid_by_year(rows_by_year)
    rows: list[dict[str, Any]] = []
    for partnership in partnerships:
        statuses = by_partnership.get(partnership.pk, {})
        rows.append({
            "partnership": partnership,
            "commitments": sum(statuses.values()),
            "open": sum(statuses.get(s, 0) for s in partnership_services.OPEN_STATUSES),
            "done": statuses.get(CommitmentStatus.DONE, 0),
            "activities": activity_counts.get(partnership.pk, 0),
            "value": value_by_partnership.get(partnership.pk, Decimal(0)),
        })
    return {
        "rows": rows,
        "provinces": province_choices(every),
        "status_chart": status_chart(counts),
        "status_table": status_table(counts),
        "activity_chart": activity_chart(activity_years),
        "aid_table": aid_table,
        "aid_chart": aid_chart,
        "aid_category_chart": aid_category_chart(rows_by_year),
        "chart_currency": CHART_CURRENCY,
        "totals": {
            "partnerships": len(rows),
            "commitments": sum(r["commitments"] for r in rows),
            "open": sum(r["open"] for r in rows),
            "activities": sum(r["activities"] for r in rows),
            "value": sum((r["value"] for r in rows), Decimal(0)),
        },
    }
