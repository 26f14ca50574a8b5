"""Who issues a report or minutes, and how its head signs: the units that exist on the document's date.

Vietnam abolished its districts on 1 July 2025: a report dated after that is not issued
by "UBND huyện Hương Khê", which no longer exists, but by a unit that carries the
partnership on (see places' successions), chosen by the user among those units.

The frame of the body follows Decree 30/2020/NĐ-CP on the Vietnamese side (the body's
code after the kind of document, "Số: …/BC-UBND"; a people's committee signs
collectively: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" for its
deputy), and the Lao administration on the Lao side (ອົງການປົກຄອງເມືອງ / ແຂວງ, signed by
the governor, ເຈົ້າເມືອງ / ເຈົ້າແຂວງ).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bordertwin.partnerships.models import Partnership
from bordertwin.places.choices import OrganisationKind
from bordertwin.places.models import Organisation, Place

HEAD, DEPUTY = "head", "deputy"


@dataclass
class Body:
    """The kind of body that issues: its code in the number, who heads it, whether it signs as a collective."""

    code: str
    head: str
    deputy: str
    # A collective body (a people's committee) signs "on behalf of" itself, its head or deputy below.
    collective: str = ""


@dataclass
class Issuer:
    """The unit a document is issued by, on its date: a place, and the organisation that acts for it when recorded."""

    place: Place
    organisation: Organisation | None
    side: str

    @property
    def key(self) -> str:
        return str(self.place.pk)


def exists_on(organisation: Organisation, day: datetime.date) -> bool:
    return (organisation.valid_from is None or organisation.valid_from <= day) and (
        organisation.valid_to is None or day <= organisation.valid_to
    )


def side_parts(partnership: Partnership, side: str) -> tuple[Place, Organisation | None]:
    if side == "LA":
        return partnership.la_place, partnership.la_organisation
    return partnership.vn_place, partnership.vn_organisation


def issuing_units(partnership: Partnership, side: str, on: datetime.date) -> list[Place]:
    """The units of `side` that may issue on `on`: the partnership's own while it exists, else those carrying it on.

    An empty list when the registry knows no unit that carries a dissolved one on.
    """
    place, _organisation = side_parts(partnership, side)
    return place.current_successors(on)


def default_unit(place: Place, units: list[Place]) -> Place | None:
    """The successor that keeps the former unit's name (the district seat's commune), else the first."""
    for unit in units:
        if unit.name_vi == place.name_vi:
            return unit
    return units[0] if units else None


def issuer_for(partnership: Partnership, side: str, on: datetime.date, chosen: str = "",
               units: list[Place] | None = None) -> Issuer:
    """The issuer of a document of `side` dated `on`: the unit the user `chosen` (a place id) among those that
    carry the partnership on (`units`, when already known), else the default one. A choice that is not among
    them is a ValueError."""
    place, organisation = side_parts(partnership, side)
    units = issuing_units(partnership, side, on) if units is None else units
    if chosen:
        unit = next((u for u in units if str(u.pk) == str(chosen)), None)
        if unit is None:
            raise ValueError(chosen)
    else:
        unit = default_unit(place, units)
    if unit is None:  # nothing carries it on in the registry: it is named as it was
        unit = place
    acting = organisation if organisation is not None and unit.pk == place.pk and exists_on(organisation, on) else None
    return Issuer(place=unit, organisation=acting, side=side)


def place_name(place: Place, language: str) -> str:
    """'huyện Hương Khê', 'ເມືອງນາກາຍ', 'Nakai district': a place with its kind of unit, in the document's language."""
    if language == "vi" and place.unit_type:
        return "{unit} {name}".format(unit=place.unit_type.lower(), name=place.name_vi)
    templates = {
        "province": _("{name} province"),
        "district": _("{name} district"),
        "commune": _("{name} commune"),
        "ward": _("{name} ward"),
        "village_cluster": _("{name} village cluster"),
        "village": _("{name} village"),
    }
    return templates.get(place.level, "{name}").format(name=place.name)


def authority_name(place: Place, country: str, language: str) -> str:
    """The governing body of a place: a people's committee in Vietnam, an administration (ອົງການປົກຄອງ) in Laos."""
    if country == "LA":
        if place.level == "village_cluster":
            return place_name(place, language)
        return _("Administration of {place}").format(place=place_name(place, language))
    return _("People's Committee of {place}").format(place=place_name(place, language))


def issuer_name(issuer: Issuer, language: str) -> str:
    if issuer.organisation is not None:
        return issuer.organisation.name
    return authority_name(issuer.place, issuer.side, language)


def issuer_lines(issuer: Issuer, language: str) -> list[str]:
    """The issuer as a Vietnamese heading sets it: the kind of body above the place ("ỦY BAN NHÂN DÂN" /
    "XÃ HƯƠNG KHÊ"); a named organisation or a Lao body on one line."""
    if issuer.organisation is None and issuer.side == "VN":
        return [_("People's Committee"), place_name(issuer.place, language)]
    return [issuer_name(issuer, language)]


def superior_name(issuer: Issuer, language: str) -> str:
    parent = issuer.place.parent
    return authority_name(parent, issuer.side, language) if parent is not None else ""


def governs(issuer: Issuer) -> bool:
    """Whether the issuer is the place's own governing body, which heads its letter alone (Decree 30, art. 8);
    another body (a border post, a party committee) names its superior above itself."""
    return issuer.organisation is None or issuer.organisation.kind in (
        OrganisationKind.PEOPLES_COMMITTEE, OrganisationKind.VILLAGE_AUTHORITY,
    )


def body(issuer: Issuer) -> Body:
    """What kind of body the issuer is, for its number and its signer."""
    kind = issuer.organisation.kind if issuer.organisation is not None else OrganisationKind.PEOPLES_COMMITTEE
    level = issuer.place.level
    if issuer.side == "LA":
        if kind in (OrganisationKind.PEOPLES_COMMITTEE, OrganisationKind.VILLAGE_AUTHORITY):
            if level == "province":
                return Body(code=_("PA"), head=_("Provincial governor"), deputy=_("Deputy provincial governor"))
            if level == "district":
                return Body(code=_("DA"), head=_("District governor"), deputy=_("Deputy district governor"))
            return Body(code="", head=_("Head of the village cluster"), deputy=_("Deputy head of the village cluster"))
        if kind in (OrganisationKind.BORDER_GUARD_COMPANY, OrganisationKind.MILITARY_COMMAND):
            return Body(code="", head=_("Commander"), deputy=_("Deputy commander"))
        return Body(code="", head=pgettext("head of a body", "Head"), deputy=pgettext("head of a body", "Deputy head"))
    if kind == OrganisationKind.PEOPLES_COMMITTEE:
        return Body(code="UBND", head=_("Chairperson"), deputy=_("Vice-chairperson"),
                    collective=_("On behalf of the People's Committee"))
    if kind == OrganisationKind.BORDER_GUARD_POST:
        return Body(code="ĐBP", head=_("Commander of the post"), deputy=_("Deputy commander of the post"))
    if kind == OrganisationKind.PARTY_COMMITTEE:
        return Body(code="", head=_("Secretary"), deputy=_("Deputy secretary"), collective=_("On behalf of the Party Committee"))
    return Body(code="", head=pgettext("head of a body", "Head"), deputy=pgettext("head of a body", "Deputy head"))


def number_line(issuer: Issuer) -> str:
    """'Số: ……/BC-UBND' (Decree 30: the kind of document, then the body's code); 'ເລກທີ: ……/ອປມ'."""
    code = body(issuer).code
    if issuer.side == "LA":
        return _("No.: ……/{code}").format(code=code) if code else _("No.: ……")
    return _("No.: ……/BC-{code}").format(code=code) if code else _("No.: ……/BC")


def signer_lines(issuer: Issuer, signer: str = HEAD) -> list[str]:
    """The capacity lines above the signature: 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'."""
    kind = body(issuer)
    lines = [kind.collective] if kind.collective else []
    if signer == DEPUTY and issuer.side == "LA":
        lines.append(kind.deputy)  # a Lao deputy signs under their own title
    elif signer == DEPUTY:
        lines += [_("For the {head}").format(head=kind.head), kind.deputy]
    else:
        lines.append(kind.head)
    return lines
