"""The intake's forms: hand in a document, and review what is proposed from it."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.core.choices import DatePrecision, Side
from bordertwin.core.forms import model_choices
from bordertwin.core.text import fold
from bordertwin.partnerships.choices import AgreementKind, Domain, PartnershipLevel
from bordertwin.partnerships.models import Agreement, Partnership, Unit
from bordertwin.places.choices import Level
from bordertwin.places.forms import PlaceSelect
from bordertwin.places.models import Place
from bordertwin.tracking.choices import Currency, DeliveryCategory, ValueQualifier

from . import services
from .choices import DocumentKind, Language
from .models import SourceDocument
from .reading import READABLE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SubmitForm(forms.Form):
    """Paste a text or choose a file; the rest helps reading it."""

    title = forms.CharField(label=_("Title"), max_length=300, required=False, help_text=_("Left empty: the first line of the text."))
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.ARTICLE)
    document_date = forms.DateField(
        label=_("Document date"), required=False, widget=DATE,
        help_text=_("When it was published or signed: gives the year of dates written without one."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.VI)
    text = forms.CharField(label=_("Text"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 12}))
    file = forms.FileField(
        label=_("Or a file"), required=False, help_text=_("A .txt (UTF-8), .docx or .pdf file with a text layer."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(READABLE)}),
    )

    field_order = ["text", "file", "title", "kind", "document_date", "language"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        has_text = bool((data.get("text") or "").strip())
        if has_text == bool(data.get("file")):
            raise ValidationError(_("Paste a text or choose a file (one of the two)."))
        return data


def unit_for(word: str | None, units: list[Unit]) -> Unit | None:
    """The unit of measure a word of the text names ("con", "cây", "ha"), if the list has it."""
    if not word:
        return None
    wanted = fold(word)
    for unit in units:
        names = [unit.code, unit.name_vi, unit.name_en, *re.split(r";", unit.aliases or "")]
        if wanted in {fold(n) for n in names if n}:
            return unit
    return None


def agreement_title(document: SourceDocument, item: dict[str, Any]) -> str:
    """A first title for a proposed agreement: its kind and date as the text writes it ("Minutes of talks tháng 6/2024")."""
    if item["field"] == "document":
        return document.title
    return f"{AgreementKind(item['kind']).label} {item['text']}"[:300]


def date_label(value: str | None, end: str | None = None) -> str:
    """A proposed date as officers read it: "22/6/2024", "28/10/2025 – 31/10/2025", or "22/6 (year unknown)" for "--06-22"."""
    if not value:
        return ""
    if value.startswith("--"):
        month, day = (int(part) for part in value[2:].split("-"))
        return _("{day}/{month} (year unknown)").format(day=day, month=month)
    shown = "/".join(str(int(part)) if i else part for i, part in enumerate(reversed(value.split("-"))))
    return f"{shown} – {date_label(end)}" if end else shown


def agreement_choice(item: dict[str, Any]) -> str:
    """A proposed agreement as a choice: its text and date ("ngày 25/6/2022 (25/6/2022)"), or the
    date alone where it begins with the text ("22/6 (year unknown)")."""
    text, shown = item["text"][:80], date_label(item["value"])
    if not shown or shown == text:
        return text
    return shown if shown.startswith(text) else f"{text} ({shown})"


# A first guess at the kind of support, from the unit the text counts it in; the officer corrects it.
CATEGORY_BY_UNIT = {"head": "livestock", "bird": "livestock", "tree": "seedlings_crops", "ha": "seedlings_crops",
                    "package": "food_necessities", "dose": "medical", "person": "medical", "scholarship": "school_supplies",
                    "work": "construction"}


class ReviewForm(forms.Form):
    """One group of fields per proposal: accept it (checkbox), correct its values, or leave it unticked.

    Fields are named "<key>-<name>" (e.g. "commitment-3-domain"), the same keys the
    service reports its errors under.
    """

    partnership = forms.ModelChoiceField(
        label=_("Partnership"), queryset=Partnership.objects.none(), required=False,
        empty_label=_("— create a new partnership from the places below —"),
    )
    change_reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500)

    def __init__(self, *args: Any, document: SourceDocument, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        self.user = user
        proposals = document.proposals or {}
        self.partnership_proposal = services.partnership_proposal(proposals, user)
        partnerships = Partnership.objects.restrict(user, access.ADD).with_sides()
        model_choices(self, "partnership").queryset = partnerships
        existing = self.partnership_proposal["existing"]
        self.fields["partnership"].initial = document.partnership_id or (existing[0].pk if existing else None)
        # A new partnership's fields are named like a proposal's ("new-vn_place"): the service reports under them.
        self.fields["new-vn_place"] = forms.ModelChoiceField(
            label=_("Vietnamese place"), queryset=Place.objects.filter(country="VN"), required=False,
            widget=PlaceSelect(country="VN"), initial=self.partnership_proposal["vn_place"],
        )
        self.fields["new-la_place"] = forms.ModelChoiceField(
            label=_("Lao place"), queryset=Place.objects.filter(country="LA"), required=False,
            widget=PlaceSelect(country="LA"), initial=self.partnership_proposal["la_place"],
        )
        self.fields["new-level"] = forms.ChoiceField(
            label=_("Level"), choices=PartnershipLevel.choices, required=False, initial=self.partnership_proposal["level"]
        )
        self.groups: list[dict[str, Any]] = []
        self.event = proposals.get("event_date") or proposals.get("event_partial")
        if not proposals.get("event_date") and proposals.get("event_partial"):
            self.fields["event_year"] = forms.IntegerField(
                label=_("Year of the event"), required=False, min_value=1950, max_value=2100,
                help_text=_("The text gives the day and month only: the year dates the agreement and deliveries left without a date."),
            )
        self.add_places(proposals)
        self.agreement_items = services.agreement_proposals(document)
        agreement_choices = [
            (str(i), agreement_choice(item)) for i, item in enumerate(self.agreement_items)
        ]
        for i, item in enumerate(self.agreement_items):
            self.add_group("agreement", i, item, {
                "accept": forms.BooleanField(label=_("Record this agreement"), required=False, initial=item.get("suggested", True)),
                "kind": forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices, initial=item["kind"], required=False),
                "title": forms.CharField(label=_("Title"), max_length=300, required=False, initial=agreement_title(document, item)),
                "signed_on": forms.DateField(label=_("Signed on"), required=False, initial=item["signed_on"], widget=DATE),
                "signed_on_precision": forms.ChoiceField(
                    label=_("Date known to the"), choices=DatePrecision.choices, initial=item["precision"], required=False
                ),
            })
        if existing:
            recorded = {
                (a.kind, a.signed_on): a for a in Agreement.objects.restrict(user, access.VIEW).filter(partnership=existing[0])
            }
            for group in self.groups:
                item = group["item"]
                group["recorded"] = recorded.get((item["kind"], item["signed_on"]))
        # Commitments are ticked when an agreement to hold them is.
        any_suggested = any(item.get("suggested", True) for item in self.agreement_items)
        for i, item in enumerate(proposals.get("commitments") or []):
            self.add_group("commitment", i, {**item, "field": "commitments"}, {
                "accept": forms.BooleanField(label=_("Record this commitment"), required=False, initial=any_suggested),
                "text": forms.CharField(label=_("Text"), required=False, initial=item["text"], widget=forms.Textarea(attrs={"rows": 2})),
                "domain": forms.ChoiceField(label=_("Domain"), choices=Domain.choices, required=False, initial=item.get("domain")),
                "agreement": forms.ChoiceField(label=_("In the agreement"), choices=agreement_choices, required=False, initial="0"),
            })
        self.add_deliveries(proposals)

    def add_places(self, proposals: dict[str, Any]) -> None:
        """A group per place the registry lacks, for one who may add places; to others, suggestions to pass on."""
        self.place_items = services.place_proposals(proposals)
        self.may_add_places = access.can_add(self.user, Place)
        if not self.may_add_places:
            return
        for i, item in enumerate(self.place_items):
            self.add_group("place", i, item, {
                "accept": forms.BooleanField(label=_("Add this place to the registry"), required=False, initial=False),
                "name_vi": forms.CharField(label=_("Name"), max_length=200, required=False, initial=item["name"]),
                "unit_type": forms.CharField(label=_("Unit type"), max_length=30, required=False, initial=item["unit_type"]),
                "level": forms.ChoiceField(label=_("Level"), choices=Level.choices, required=False, initial=item["level"]),
                "parent": forms.ModelChoiceField(
                    label=_("Part of"), queryset=Place.objects.filter(country=item["country"]), required=False,
                    widget=PlaceSelect(country=item["country"]), initial=item["parent_place"],
                ),
            })

    def add_deliveries(self, proposals: dict[str, Any]) -> None:
        delivered_on = self.document.document_date
        side = getattr(self.user, "side", "") or Side.VN
        for i, item in enumerate(proposals.get("money") or []):
            self.add_group("money", i, {**item, "field": "money"}, {
                "accept": forms.BooleanField(label=_("Record as delivered"), required=False, initial=False),
                "item": forms.CharField(label=_("Item"), max_length=300, required=False, initial=item["text"]),
                "category": forms.ChoiceField(label=_("Category"), choices=DeliveryCategory.choices, required=False, initial="cash"),
                "value": forms.DecimalField(label=_("Value"), required=False, initial=item.get("amount"), max_digits=20, decimal_places=2),
                "currency": forms.ChoiceField(label=_("Currency"), choices=Currency.choices, required=False, initial=item.get("currency")),
                "value_qualifier": forms.ChoiceField(
                    label=_("Value is"), choices=ValueQualifier.choices, required=False, initial=item.get("qualifier") or "exact"
                ),
                "giver_side": forms.ChoiceField(label=_("Giver side"), choices=Side.choices, required=False, initial=side),
                "delivered_on": forms.DateField(label=_("Delivered on"), required=False, initial=delivered_on, widget=DATE),
            })
        # One read of the units serves every quantity: the page asks the database a fixed number of times.
        self.units = {str(unit.pk): unit for unit in Unit.objects.all()}
        unit_choices = [("", "---------"), *((pk, str(unit)) for pk, unit in self.units.items())]
        for i, item in enumerate(proposals.get("quantities") or []):
            unit = unit_for(item.get("unit"), list(self.units.values()))
            self.add_group("quantity", i, {**item, "field": "quantities"}, {
                "accept": forms.BooleanField(label=_("Record as delivered"), required=False, initial=False),
                "item": forms.CharField(label=_("Item"), max_length=300, required=False, initial=item.get("item") or item["text"]),
                "category": forms.ChoiceField(
                    label=_("Category"), choices=DeliveryCategory.choices, required=False,
                    initial=CATEGORY_BY_UNIT.get(unit.code if unit else "", "food_necessities"),
                ),
                "quantity": forms.DecimalField(label=_("Quantity"), required=False, initial=item.get("value"), max_digits=18, decimal_places=3),
                "unit": forms.ChoiceField(label=_("Unit"), choices=unit_choices, required=False, initial=str(unit.pk) if unit else ""),
                "giver_side": forms.ChoiceField(label=_("Giver side"), choices=Side.choices, required=False, initial=side),
                "delivered_on": forms.DateField(label=_("Delivered on"), required=False, initial=delivered_on, widget=DATE),
            })

    def add_group(self, kind: str, index: int, item: dict[str, Any], fields: dict[str, forms.Field]) -> None:
        key = f"{kind}-{index}"
        for name, field in fields.items():
            self.fields[f"{key}-{name}"] = field
        self.groups.append({"kind": kind, "key": key, "item": item, "names": [f"{key}-{name}" for name in fields]})

    def new_partnership_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("new-vn_place", "new-la_place", "new-level")]

    def bound_groups(self) -> list[dict[str, Any]]:
        """The proposal groups with their bound fields, for the template."""
        return [
            {**group, "accept": self[group["names"][0]], "fields": [self[name] for name in group["names"][1:]]}
            for group in self.groups
        ]

    def accepted(self, kind: str) -> list[dict[str, Any]]:
        return [g for g in self.groups if g["kind"] == kind and self.cleaned_data.get(f"{g['key']}-accept")]

    def values(self, group: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
        values = {}
        for name in names:
            value = self.cleaned_data.get(f"{group['key']}-{name}")
            if value in (None, ""):
                self.add_error(f"{group['key']}-{name}", _("This field is required."))
            values[name] = value
        return values

    def review(self) -> services.Review:
        """The officer's decisions, for services.accept_proposals (call after is_valid())."""
        data = self.cleaned_data
        review = services.Review(partnership=data.get("partnership"), reason=data.get("change_reason", ""))
        self.date_undated(("agreement", "signed_on"), ("money", "delivered_on"), ("quantity", "delivered_on"))
        for group in self.accepted("place"):
            accepted = self.accepted_item(group, ("name_vi", "level"))
            accepted.values.update(
                country=group["item"]["country"], unit_type=data.get(f"{group['key']}-unit_type") or "",
                parent=data.get(f"{group['key']}-parent"),
            )
            review.places.append(accepted)
        if review.partnership is None:
            # The link of a new partnership points at the first Vietnamese party, matched or not.
            vn = self.partnership_proposal["vn"] or next(iter((self.document.proposals or {}).get("vn_parties") or []), None)
            # A side may be left empty for the place of that country added above.
            added = {item.values["country"] for item in review.places}
            needed = [name for name, country in (("vn_place", "VN"), ("la_place", "LA")) if country not in added]
            review.new_partnership = services.Accepted(
                key="new", field="vn_parties", span=vn["span"] if vn else None, text=vn["text"] if vn else "",
                values={"vn_place": None, "la_place": None, **self.values({"key": "new"}, (*needed, "level"))},
            )
        agreement_positions: dict[int, int] = {}
        for group in self.accepted("agreement"):
            agreement_positions[int(group["key"].split("-")[1])] = len(review.agreements)
            review.agreements.append(self.accepted_item(group, ("kind", "title", "signed_on", "signed_on_precision")))
        for group in self.accepted("commitment"):
            accepted = self.accepted_item(group, ("text", "domain"))
            chosen = data.get(f"{group['key']}-agreement")
            accepted.agreement = agreement_positions.get(int(chosen)) if chosen not in (None, "") else None
            if accepted.agreement is None:
                self.add_error(f"{group['key']}-agreement", _("Record the agreement this commitment belongs to."))
            review.commitments.append(accepted)
        for group in self.accepted("money"):
            accepted = self.accepted_item(group, ("item", "category", "value", "currency", "value_qualifier", "giver_side", "delivered_on"))
            review.deliveries.append(accepted)
        for group in self.accepted("quantity"):
            accepted = self.accepted_item(group, ("item", "category", "quantity", "unit", "giver_side", "delivered_on"))
            accepted.values["unit"] = self.units.get(accepted.values["unit"] or "")
            review.deliveries.append(accepted)
        return review

    def date_undated(self, *fields: tuple[str, str]) -> None:
        """Date the accepted items left without a date on the event's day, once the officer gives its year."""
        try:
            day = services.event_day(self.document.proposals or {}, self.cleaned_data.get("event_year"))
        except ValidationError as error:
            self.add_error(None, error)
            return
        for kind, name in fields if day else ():
            for group in self.accepted(kind):
                self.cleaned_data[f"{group['key']}-{name}"] = self.cleaned_data.get(f"{group['key']}-{name}") or day

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self.result = self.review()
        return data

    def accepted_item(self, group: dict[str, Any], names: tuple[str, ...]) -> services.Accepted:
        item = group["item"]
        return services.Accepted(
            key=group["key"], field=item["field"], span=item.get("span"), text=item.get("text", ""),
            values=self.values(group, names),
        )
