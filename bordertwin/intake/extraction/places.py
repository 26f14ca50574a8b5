"""Place names that tell the country of a unit, as written in Vietnamese texts.

Sources: DOMAIN.md §3–4 (the 10 Lao border provinces and their Vietnamese spellings,
Khammouane's districts, aliases such as NaKai / Nakai / Na Kai), the Vietnamese border
provinces before and after 1/7/2025, and their border districts. The table serves only to
decide which side a name is on; the registry (through a PlaceMatcher) gives the place.
Add spellings here when an article writes a name another way.
"""

from __future__ import annotations

from functools import lru_cache

from .text import name_key

# canonical name → Vietnamese and Latin spellings.
LA_PROVINCES: dict[str, tuple[str, ...]] = {
    "Phongsaly": ("Phông Xa Lỳ", "Phong Xa Lỳ", "Phông Sa Lỳ", "Phongsali", "Phong Saly"),
    "Luang Prabang": ("Luông Pha Bang", "Luông Prabang", "Luang Phabang", "Louangphabang"),
    "Houaphanh": ("Hủa Phăn", "Hủa Phanh", "Houaphan", "Hua Phan"),
    "Xiengkhouang": ("Xiêng Khoảng", "Xieng Khouang", "Xiangkhoang"),
    "Bolikhamxay": ("Bô Ly Khăm Xay", "Bôlykhămxay", "Bô-ly-khăm-xay", "Bolikhamsai", "Borikhamxay", "Bolykhamxay"),
    "Khammouane": ("Khăm Muồn", "Khăm Muộn", "Khammuane", "Khammouan"),
    "Savannakhet": ("Xa Vẳn Na Khệt", "Sa Vẳn Na Khệt", "Xavannakhet", "Savanakhet", "Xavẳnnakhệt"),
    "Salavan": ("Sa La Văn", "Xa La Văn", "Saravane", "Saravan", "Salavane"),
    "Sekong": ("Sê Kông", "Xê Kông", "Xekong"),
    "Attapeu": ("Ắt Tạ Pư", "Át Tạ Pư", "Attapư", "Attapu", "Attopeu"),
    # not on the border, but naming them settles the country
    "Vientiane": ("Viêng Chăn", "Vientiane"),
    "Champasak": ("Chăm Pa Xắc", "Champasak", "Champassak"),
    "Oudomxay": ("U Đôm Xay", "Oudomxay"),
    "Luang Namtha": ("Luông Nậm Thà", "Luang Namtha"),
    "Xayaboury": ("Xay Nha Bu Ly", "Xayaboury", "Sayabouly"),
    "Xaysomboun": ("Xay Sôm Bun", "Xaysomboun"),
    "Bokeo": ("Bò Kẹo", "Bokeo"),
}
LA_DISTRICTS: dict[str, tuple[str, ...]] = {
    "Nakai": ("NaKai", "Na Kai", "Nakay", "Na Cay"),
    "Bualapha": ("Boualapha", "Bua Lạ Pha", "Bua La Pha", "Bualaphả"),
    "Thakhek": ("Thà Khẹt", "Thakhaek", "Tha Khaek"),
    "Mahaxay": ("Ma Ha Xay", "Mahaxai"),
    "Nongbok": ("Noọng Bốc", "Nong Bok"),
    "Hinboun": ("Hin Bun", "Hinboon"),
    "Yommalath": ("Nhommalath", "Nhôm Ma Lạt", "Nhôm Malạt"),
    "Xebangfai": ("Xê Băng Phai", "Xebangfay"),
    "Xaybouathong": ("Xay Bua Thoong", "Xaybuathong"),
    "Khounkham": ("Khun Khăm", "Kounkham"),
    "Sepon": ("Sê Pôn", "Xê Pôn", "Xepon"),
    "Vilabouly": ("Vi La Bu Ly", "Vilabuly"),
    "Samouay": ("Sa Muội", "Sa Mười", "Samuoi"),
    "Ta Oi": ("Tà Ôi", "Taoy"),
    "Kaleum": ("Ka Lừm", "Kalum"),
    "Dakcheung": ("Đắc Chưng", "Đác Chưng", "Dak Cheung"),
    "Sanxay": ("San Xay", "Sanxai"),
    "Phouvong": ("Phu Vông", "Phouvông"),
    "Khamkeut": ("Khăm Cợt", "Kham Keut"),
    "Viengthong": ("Viêng Thoong", "Viêng Thòng"),
    "Xaychamphone": ("Xay Chăm Phon",),
    "Sopbao": ("Sốp Bâu", "Sop Bao"),
    "Viengxay": ("Viêng Xay", "Viengxai"),
    "Xamneua": ("Sầm Nưa", "Xam Neua"),
    "Xamtai": ("Sầm Tạy", "Xam Tai"),
    "Xiengkho": ("Xiềng Khọ", "Xieng Kho"),
    "Houameuang": ("Hủa Mường",),
    "Nonghet": ("Noọng Hét", "Nong Het"),
    "Mokmay": ("Mốc Mày", "Mok May", "Mường Mọc"),
    "Viengkham": ("Viêng Khăm",),
    "Phonxay": ("Phôn Xay",),
}
VN_PROVINCES: dict[str, tuple[str, ...]] = {
    "Điện Biên": (), "Sơn La": (), "Thanh Hóa": ("Thanh Hoá",), "Nghệ An": (), "Hà Tĩnh": (),
    "Quảng Bình": (), "Quảng Trị": (), "Thừa Thiên Huế": ("Thừa Thiên - Huế",), "Quảng Nam": (),
    "Kon Tum": ("Kontum",), "Đà Nẵng": (), "Quảng Ngãi": (), "Huế": (),
}
VN_DISTRICTS: dict[str, tuple[str, ...]] = {
    name: ()
    for name in (
        "Mường Nhé", "Nậm Pồ", "Mường Chà", "Điện Biên Đông", "Sốp Cộp", "Sông Mã", "Yên Châu",
        "Mộc Châu", "Vân Hồ", "Mường Lát", "Quan Sơn", "Quan Hóa", "Lang Chánh", "Thường Xuân",
        "Quế Phong", "Tương Dương", "Kỳ Sơn", "Con Cuông", "Anh Sơn", "Thanh Chương",
        "Hương Sơn", "Vũ Quang", "Hương Khê", "Minh Hóa", "Tuyên Hóa", "Bố Trạch", "Lệ Thủy",
        "Hướng Hóa", "Đakrông", "Đa Krông", "A Lưới", "Tây Giang", "Đông Giang", "Nam Giang",
        "Phước Sơn", "Đắk Glei", "Ngọc Hồi",
    )
}

# Words near a unit that say it is Lao (searched lower-case, right after the unit).
LA_CONTEXT = r"\(\s*(?:nước\s+)?(?:chdcnd\s+)?lào\s*\)|nước\s+(?:bạn\s+)?(?:chdcnd\s+)?lào|\bcủa\s+(?:nước\s+bạn\s+)?lào\b|cộng hòa dân chủ nhân dân lào|\(\s*lào"
VN_CONTEXT = r"\(\s*việt nam\s*\)|nước\s+chxhcn\s+việt nam|\bcủa\s+việt nam\b"

# (key, level) → country, for every spelling above.
_LEVELED: list[tuple[dict[str, tuple[str, ...]], str, str]] = [
    (LA_PROVINCES, "province", "LA"),
    (LA_DISTRICTS, "district", "LA"),
    (VN_PROVINCES, "province", "VN"),
    (VN_DISTRICTS, "district", "VN"),
]


def _build() -> dict[str, list[tuple[str, str, str]]]:
    table: dict[str, list[tuple[str, str, str]]] = {}
    for names, level, country in _LEVELED:
        for canonical, aliases in names.items():
            for spelling in (canonical, *aliases):
                table.setdefault(name_key(spelling), []).append((spelling, level, country))
    return table


KNOWN: dict[str, list[tuple[str, str, str]]] = _build()


def spellings() -> list[tuple[str, str, str]]:
    """Every (spelling, level, country) in the table."""
    return [entry for entries in KNOWN.values() for entry in entries]


@lru_cache(maxsize=4096)
def lookup(name: str, level: str | None = None) -> str | None:
    """The country of ``name`` (at ``level`` when given), or None when the table does not say."""
    countries = {country for _, lvl, country in KNOWN.get(name_key(name), []) if level in (None, lvl)}
    return countries.pop() if len(countries) == 1 else None
