"""Number fields read '0.5' and '1,05' the same under the user's locale and the C locale
(issue 16: under de_DE.UTF-8 the 1-D tab's α box ignored '0.5' and turned '1.05' into
1.00; in the C locale '1,05' became 1.00)."""

from __future__ import annotations

import pytest
from PySide6 import QtCore
from PySide6.QtTest import QTest

from app.number_text import parse_number

Qt = QtCore.Qt
LOCALES = {
    "C": QtCore.QLocale.c(),
    "de_DE": QtCore.QLocale(QtCore.QLocale.Language.German, QtCore.QLocale.Country.Germany),
    "en_US": QtCore.QLocale(QtCore.QLocale.Language.English,
                            QtCore.QLocale.Country.UnitedStates),
}


@pytest.mark.parametrize(("text", "value"), [
    ("0.5", 0.5), ("0,5", 0.5), ("1.05", 1.05), ("1,05", 1.05), (" 2 ", 2.0),
    ("1e-4", 1e-4), ("1E-4", 1e-4), ("1,5e-3", 1.5e-3), ("−0,25", -0.25), (".5", 0.5),
    (",5", 0.5), ("1,000.5", 1000.5), ("1.000,5", 1000.5), ("1.000.000", 1e6),
    ("1,000,000", 1e6),
])
def test_parse_number_reads_both_decimal_marks(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "-", "1e", "1,0,5.2.3", "1.5,0.5", "inf", "nan",
                                  "1e999"])
def test_parse_number_refuses_what_is_not_a_number(text):
    assert parse_number(text) is None


def _type(qtbot, box, text):
    box.setFocus()
    box.lineEdit().selectAll()
    QTest.keyClicks(box.lineEdit(), text)
    QTest.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    qtbot.wait(1)


@pytest.fixture(params=list(LOCALES))
def locale(request):
    old = QtCore.QLocale()
    QtCore.QLocale.setDefault(LOCALES[request.param])
    yield LOCALES[request.param]
    QtCore.QLocale.setDefault(old)


@pytest.mark.parametrize(("text", "value"), [("0.5", 0.5), ("0,5", 0.5), ("1.05", 1.05),
                                             ("1,05", 1.05), ("0,8", 0.8)])
def test_the_1d_alpha_box_reads_both_marks_in_any_locale(qtbot, window, locale, text, value):
    box = window.one_d.alpha
    box.setLocale(locale)
    box.setValue(0.1)
    _type(qtbot, box, text)
    assert box.value() == pytest.approx(value)
    assert window.controller.one_d.view.alpha.value() == pytest.approx(value)


@pytest.mark.parametrize(("name", "text", "value"), [
    ("learning_rate_value", "0,03", 0.03), ("learning_rate_value", "1.5", 1.5),
    ("learning_rate_value", "2e-3", 2e-3), ("tolerance", "1,5e-5", 1.5e-5),
    ("tolerance", "0.001", 1e-3),
])
def test_every_number_field_reads_both_marks_in_any_locale(qtbot, window, locale, name, text,
                                                           value):
    box = getattr(window.controls, name)
    box.setLocale(locale)
    _type(qtbot, box, text)
    assert box.value() == pytest.approx(value)
    session = window.controller.session
    got = session.learning_rate if name == "learning_rate_value" else session.tol
    assert got == pytest.approx(value)


def test_a_race_rate_reads_a_decimal_comma(qtbot, window, locale):
    window.preset_menu.load(0)
    window.controls.race_group.setChecked(True)
    assert window.controls.race_rates[3].isEnabled()
    box = window.controls.race_rates[3]
    box.setLocale(locale)
    _type(qtbot, box, "0,25")
    assert box.value() == pytest.approx(0.25)
    window.controls.race_group.setChecked(False)


def test_a_value_out_of_range_is_clamped_not_dropped(qtbot, window):
    box = window.one_d.alpha
    box.setValue(0.1)
    _type(qtbot, box, "2,5")
    assert box.value() == pytest.approx(box.maximum())
