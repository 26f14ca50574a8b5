import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from bordertwin.tracking import importing, services
from bordertwin.tracking.models import Activity, Delivery, ReviewPeriod

from .conftest import make_activity, make_delivery, unit

pytestmark = pytest.mark.django_db
D = datetime.date
HEADER = ["partnership", "category", "item", "quantity", "unit", "value", "currency", "value_qualifier", "giver_side", "delivered_on", "commitment"]


def csv_file(rows, name="deliveries.csv"):
    return SimpleUploadedFile(name, importing.csv_bytes(rows), content_type="text/csv")


def good_rows(world):
    return [
        HEADER,
        ["VN-2008-D444 / LA-D-NAKAI", "livestock", "Bò nái", "9", "head", "", "", "", "VN", "2023-05-01", world.hk_commitment.pk],
        ["VN-2008-D444 / LA-D-NAKAI", "seedlings_crops", "Cam Khe Mây", "1,5", "ha", "1200000000", "VND", "more_than", "VN", "12/03/2023", ""],
        [world.hk_nakai.pk, "cash", "Cứu trợ lũ lụt", "", "", "100000000.00", "VND", "exact", "VN", "2023-10-15", ""],
    ]


def test_a_valid_file_saves_every_row(world):
    result = importing.import_file(Delivery, csv_file(good_rows(world)), acting_user=world.vn_province_editor)
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == 3
    oranges = Delivery.objects.get(item="Cam Khe Mây")
    assert oranges.quantity == Decimal("1.5") and oranges.unit == unit("ha")
    assert oranges.value == Decimal("1200000000") and oranges.value_qualifier == "more_than"
    assert oranges.delivered_on == D(2023, 3, 12)
    assert Delivery.objects.get(item="Bò nái").commitment == world.hk_commitment
    assert oranges.history.first().history_user == world.vn_province_editor


def test_one_bad_row_saves_nothing_and_names_row_and_column(world):
    rows = good_rows(world)
    rows[2][3] = "một rưỡi"
    rows[3][9] = "32/13/2023"
    result = importing.import_file(Delivery, csv_file(rows), acting_user=world.vn_province_editor)
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "quantity"), (4, "delivered_on")]
    assert Delivery.objects.count() == 0


def test_model_rules_are_reported_by_column(world):
    rows = good_rows(world)
    rows[1][4] = ""  # a quantity without a unit
    result = importing.import_file(Delivery, csv_file(rows), acting_user=world.vn_province_editor)
    assert [(e.row, e.column) for e in result.errors] == [(2, "unit")]
    assert Delivery.objects.count() == 0


def test_errors_are_in_vietnamese_for_a_vietnamese_user(world):
    rows = good_rows(world)
    rows[1][2] = ""
    rows[2][1] = "bò"
    with translation.override("vi"):
        result = importing.import_file(Delivery, csv_file(rows), acting_user=world.vn_province_editor)
        messages = [str(error) for error in result.errors]
    assert len(messages) == 2
    assert messages[0].startswith("Dòng 2, cột “item”")
    assert "bắt buộc" in messages[0]
    assert messages[1].startswith("Dòng 3, cột “category”")


def test_an_editor_cannot_import_into_a_partnership_outside_their_scope(world):
    rows = good_rows(world)
    rows[1][0] = "VN-2008-P40 / LA-P-XIENGKHOUANG"
    rows[1][10] = ""
    result = importing.import_file(Delivery, csv_file(rows), acting_user=world.vn_province_editor)
    assert [(e.row, e.column) for e in result.errors] == [(2, "partnership")]
    assert Delivery.objects.count() == 0


def test_a_locked_period_refuses_the_import(world):
    services.approve_period(
        ReviewPeriod(partnership=world.hk_nakai, start=D(2023, 1, 1), end=D(2023, 12, 31)), acting_user=world.vn_approver
    )
    result = importing.import_file(Delivery, csv_file(good_rows(world)), acting_user=world.vn_province_editor)
    assert [e.row for e in result.errors] == [2, 3, 4]
    assert "locked" in str(result.errors[0])
    assert Delivery.objects.count() == 0


def test_an_export_reimports_cleanly_as_csv_and_xlsx(world):
    make_delivery(world.hk_nakai, world.admin, value=Decimal("1234.56"), currency="USD", quantity=Decimal("1.5"), unit=unit("ha"),
                  recipient_place=world.hk_nakai.la_place, commitment=world.hk_commitment)
    activity = make_activity(world.hk_nakai, world.admin, ended_on=D(2024, 6, 23), vn_participant_count=20)
    services.save_activity(activity, [world.hk_commitment], acting_user=world.admin)
    for model in (Delivery, Activity):
        before = model.objects.count()
        exported = [importing.headers(model), *importing.export_rows(model, importing.export_queryset(model.objects.all()))]
        for row in exported[1:]:
            row[0] = ""  # as new records
        for upload in (csv_file(exported, "x.csv"),
                       SimpleUploadedFile("x.xlsx", importing.xlsx_bytes(exported, "x"))):
            result = importing.import_file(model, upload, acting_user=world.admin)
            assert result.ok, [str(e) for e in result.errors]
        assert model.objects.count() == before * 3
    copies = list(Delivery.objects.order_by("pk"))
    assert {(d.value, d.quantity, d.unit_id, d.recipient_place_id, d.commitment_id) for d in copies} == {
        (Decimal("1234.56"), Decimal("1.5"), unit("ha").pk, world.hk_nakai.la_place_id, world.hk_commitment.pk)
    }
    assert all(list(a.commitments.all()) == [world.hk_commitment] for a in Activity.objects.all())


def test_a_row_with_an_id_updates_that_record(world):
    delivery = make_delivery(world.hk_nakai, world.admin)
    rows = [["id", "partnership", "category", "item", "giver_side", "delivered_on"],
            [delivery.pk, world.hk_nakai.pk, "livestock", "Bò nái lai", "VN", "2023-05-02"]]
    result = importing.import_file(Delivery, csv_file(rows), acting_user=world.vn_province_editor)
    assert result.ok and result.updated == 1
    delivery.refresh_from_db()
    assert delivery.item == "Bò nái lai" and delivery.quantity == Decimal(9)


def test_the_template_lists_every_column_and_imports_as_an_empty_file(world):
    rows = importing.template_rows(Activity)
    assert rows[0] == importing.headers(Activity)
    result = importing.import_file(Activity, csv_file(rows), acting_user=world.admin)
    assert result.ok and result.created == 0


def test_an_unknown_column_or_file_type_is_refused(world):
    result = importing.import_file(Delivery, csv_file([["partnership", "colour"]]), acting_user=world.admin)
    assert {e.column for e in result.errors} == {"colour", "category", "item", "giver_side", "delivered_on"}
    with pytest.raises(ValidationError):
        importing.import_file(Delivery, SimpleUploadedFile("x.txt", b"abc"), acting_user=world.admin)


def test_a_file_larger_than_the_upload_limit_is_refused(world, settings):
    settings.BORDERTWIN_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError):
        importing.import_file(Delivery, csv_file(good_rows(world)), acting_user=world.admin)
    assert Delivery.objects.count() == 0


def test_text_that_looks_like_a_formula_is_exported_as_text_and_reimported_as_written(world):
    make_delivery(world.hk_nakai, world.admin, item='=HYPERLINK("http://x","bò")', notes="- 1+1", giver_name="@SUM(A1)")
    exported = [importing.headers(Delivery), *importing.export_rows(Delivery, importing.export_queryset(Delivery.objects.all()))]
    exported[1][0] = ""
    columns = importing.headers(Delivery)
    written = load_workbook(io.BytesIO(importing.xlsx_bytes(exported, "x")), read_only=True).active
    cells = dict(zip(columns, next(written.iter_rows(min_row=2, values_only=True)), strict=False))
    assert (cells["item"], cells["notes"], cells["giver_name"]) == ("'=HYPERLINK(\"http://x\",\"bò\")", "'- 1+1", "'@SUM(A1)")
    assert cells["quantity"] == "9"  # a plain number takes no apostrophe
    line = importing.csv_bytes(exported).decode("utf-8-sig").splitlines()[1]
    assert "'=HYPERLINK" in line and ",'- 1+1" in line
    for name, content in (("x.xlsx", importing.xlsx_bytes(exported, "x")), ("x.csv", importing.csv_bytes(exported))):
        result = importing.import_file(Delivery, SimpleUploadedFile(name, content), acting_user=world.admin)
        assert result.ok, [str(e) for e in result.errors]
    assert Delivery.objects.filter(item='=HYPERLINK("http://x","bò")', notes="- 1+1", giver_name="@SUM(A1)").count() == 3




def test_a_file_gives_the_lao_and_english_item_and_the_qualifier_of_the_beneficiaries(world):
    rows = [
        ["partnership", "category", "item", "item_lo", "item_en", "giver_side", "delivered_on", "beneficiary_count",
         "beneficiary_count_qualifier"],
        ["VN-2008-D444 / LA-D-NAKAI", "medical", "Cấp phát thuốc miễn phí", "ແຈກຢາຟຣີ", "Free medicine", "VN", "2024-06-01",
         "600", "approximately"],
        ["VN-2008-D444 / LA-D-NAKAI", "medical", "Khám bệnh", "", "", "VN", "2024-06-02", "40", ""],
    ]
    result = importing.import_file(Delivery, csv_file(rows), acting_user=world.vn_province_editor)
    assert result.ok, [str(e) for e in result.errors]
    medicine, checkups = Delivery.objects.get(item="Cấp phát thuốc miễn phí"), Delivery.objects.get(item="Khám bệnh")
    assert (medicine.item_lo, medicine.item_en, medicine.beneficiary_count_qualifier) == ("ແຈກຢາຟຣີ", "Free medicine", "approximately")
    assert (checkups.item_lo, checkups.beneficiary_count_qualifier) == ("", "exact")
