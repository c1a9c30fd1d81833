"""The lecture, live: a window of eight slides (Lecture menu), each fed the controller's
frames while it is on screen.

``install_lecture(window, controller)`` is the one hook: it builds the window and its
presenters, adds the Lecture menu, wires the slides' controls to controller actions
and registers the presenters in ``controller.extra_presenters`` (the slides, and the
data loss / penalty split on the main cost plot when λ > 0).
"""

from __future__ import annotations

import re
import time

from PySide6 import QtCore, QtWidgets

from core.features import polynomial_terms

from .cost_split import CostSplitPresenter
from .lecture_common import button, label, num, set_text
from .slide_convexity import ConvexityPresenter, ConvexitySlide, SegmentSearch
from .slide_features import FeaturesPresenter, FeaturesSlide
from .slide_forms import FormsPresenter, FormsSlide
from .slide_likelihood import LikelihoodPresenter, LikelihoodSlide
from .slide_loop import LoopPresenter, LoopSlide
from .slide_shapes import ShapesPresenter, ShapesSlide
from .slide_stop import StopPresenter, StopSlide
from .slide_theta import ThetaPresenter, ThetaSlide

#: (key, tab text, menu text): the order of the lecture.
SLIDES = (
    ("forms", "1 Correct form", "&1 Correct vs incorrect form (simultaneous / sequential)"),
    ("loop", "2 Buggy loop", "&2 What's wrong with the code? (the loop)"),
    ("stop", "3 Stopping", "&3 Convergence: ‖dw‖ ≤ ε or ‖Wᵗ⁺¹ − Wᵗ‖ ≤ ε"),
    ("shapes", "4 Shapes", "&4 Shapes: X, Y, w, Z, A, dZ, dw, db"),
    ("theta", "5 Type θ", "&5 Decision boundary: type θ"),
    ("features", "6 Degree, λ", "&6 Polynomial features and the L2 penalty"),
    ("convexity", "7 Convexity", "&7 Convexity: J and its chord"),
    ("likelihood", "8 Likelihood", "&8 Maximum likelihood: log P = −m·J"),
)
#: While the run plays, a slide is drawn at most this often (its own runs and plots cost
#: a few milliseconds; the main window keeps its 60 frames a second).
SLIDE_INTERVAL_S = 1 / 30
#: Point sizes of the slides' texts before presentation mode and zoom.
QSS = """
QWidget { font-size: 11pt; }
QGroupBox { font-weight: bold; }
QLabel#thetaRule, QLabel#shapesHeadline, QLabel#likelihoodTotal { font-size: 15pt; }
QLabel#thetaRule { font-weight: bold; }
QLabel#stopGradNorm, QLabel#stopStepNorm { font-size: 14pt; }
QLabel#formsCorrectCode, QLabel#formsIncorrectCode, QLabel#loopBuggyCode,
QLabel#loopFixedCode { font-size: 11.5pt; }
QLabel#formsSummary, QLabel#loopSummary, QLabel#featuresSplit, QLabel#lectureStatus,
QLabel#thetaCost, QLabel#thetaModel { font-size: 12pt; }
QLabel#shapesTable { font-size: 12pt; }
QLabel#likelihoodTable { font-size: 11pt; }
"""


def scaled(qss, factor):
    return re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * factor:.1f}pt", qss)


class LecturePanel(QtWidgets.QWidget):
    """A window of its own: the eight slides in tabs and a row to drive the main run."""

    def __init__(self, parent=None):
        super().__init__(parent, QtCore.Qt.WindowType.Window)
        self.setObjectName("lecturePanel")
        self.setWindowTitle("LogitLab — the lecture, live")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("lectureTabs")
        self.tabs.setDocumentMode(True)
        self.slides = {
            "forms": FormsSlide(), "loop": LoopSlide(), "stop": StopSlide(),
            "shapes": ShapesSlide(), "theta": ThetaSlide(), "features": FeaturesSlide(),
            "convexity": ConvexitySlide(), "likelihood": LikelihoodSlide(),
        }
        for key, tab, menu in SLIDES:
            scroll = QtWidgets.QScrollArea()
            scroll.setObjectName(f"lectureScroll_{key}")
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
            scroll.setWidget(self.slides[key])
            k = self.tabs.addTab(scroll, tab)
            self.tabs.setTabToolTip(k, menu.replace("&", ""))
        layout.addWidget(self.tabs, 1)
        row = QtWidgets.QHBoxLayout()
        self.play = button("▶  Play", "lecturePlay", "Play / pause the main run (Space)", True)
        self.step = button("Step", "lectureStep", "One step of the main run (→)")
        self.reset = button("Reset, same θ⁰", "lectureReset", "Start the run again from θ⁰")
        for b in (self.play, self.step, self.reset):
            row.addWidget(b)
        self.status = label("lectureStatus")
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        self._factor = None
        self.set_scale(1.0)
        self.resize(1180, 680)

    def set_scale(self, factor):
        """Text sizes for the window's presentation mode × zoom ``factor``: a quarter of
        its growth (11 pt → 13.75 pt at ×2), so a slide still fits 1280×720."""
        factor = min(max(1.0 + 0.25 * (factor - 1.0), 0.8), 1.5)
        if factor != self._factor:
            self._factor = factor
            self.setStyleSheet(scaled(QSS, factor))

    def show_slide(self, key):
        keys = [k for k, _, _ in SLIDES]
        self.tabs.setCurrentIndex(keys.index(key))
        screen = self.screen().availableGeometry() if self.screen() else None
        if not self.isVisible() and screen is not None:
            self.resize(min(self.width(), screen.width() - 40),
                        min(self.height(), screen.height() - 60))
        self.show()
        self.raise_()
        self.activateWindow()


class LecturePresenter:
    """Feeds the slide on show (only that one) and the row that drives the main run."""

    def __init__(self, panel, presenters, scale=lambda: 1.0):
        self.panel = panel
        self.presenters = presenters  # key → presenter
        self.scale = scale
        self.last = None
        self._drawn_at = 0.0
        self.catch_up = None  # asks for one more frame (install_lecture sets it)

    def visible(self):
        return self.panel.isVisible() and not self.panel.isMinimized()

    def draw(self, frame):
        self.last = frame
        now = time.perf_counter()
        if frame.animating and now - self._drawn_at < SLIDE_INTERVAL_S:
            return
        self._drawn_at = now
        p = self.panel
        p.set_scale(self.scale())
        with QtCore.QSignalBlocker(p.play):
            p.play.setChecked(frame.playing)
            p.play.setText("❚❚  Pause" if frame.playing else "▶  Play")
        cost = "—" if frame.shown.cost is None else num(frame.shown.cost)
        set_text(p.status, f"Step {frame.shown.iteration:,}   J = {cost}   "
                           f"α = {num(frame.learning_rate)}   {frame.headline}")
        key = SLIDES[p.tabs.currentIndex()][0]
        slide = self.presenters[key]
        slide.draw(frame)
        if not frame.animating and getattr(slide, "behind", False) and self.catch_up:
            self.catch_up()  # paused, the side-by-side runs still short: another frame soon


def install_lecture(window, controller):
    """Build the lecture window, its menu and presenters; returns the LecturePanel."""
    panel = LecturePanel(window)
    s = panel.slides
    presenters = {
        "forms": FormsPresenter(s["forms"]), "loop": LoopPresenter(s["loop"]),
        "stop": StopPresenter(s["stop"]), "shapes": ShapesPresenter(s["shapes"]),
        "theta": ThetaPresenter(s["theta"]), "features": FeaturesPresenter(s["features"]),
        "convexity": ConvexityPresenter(s["convexity"], SegmentSearch(panel)),
        "likelihood": LikelihoodPresenter(s["likelihood"]),
    }
    appearance = lambda: getattr(getattr(window, "appearance", None), "factor", 1.0)  # noqa: E731
    presenter = LecturePresenter(panel, presenters, appearance)
    presenter.catch_up = lambda: QtCore.QTimer.singleShot(15, panel, controller.refresh)
    panel.presenter = presenter
    _wire(panel, presenter, controller)
    controller.extra_presenters.append((presenter, presenter.visible))
    # The main cost plot splits J into data loss + penalty while λ > 0.
    window.cost_split = CostSplitPresenter(*window.cost_plot.add_split_curves())
    controller.extra_presenters.append((window.cost_split, window.cost_plot.isVisible))
    window.lecture = panel
    _menu(window, panel, controller)
    return panel


def _menu(window, panel, c):
    bar = window.menuBar()
    menu = QtWidgets.QMenu("&Lecture", bar)
    menu.setObjectName("lectureMenu")
    help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    else:
        bar.addMenu(menu)
    def open_slide(key):
        panel.show_slide(key)
        c.refresh()  # the slide shows the run now, not when the next frame comes

    window.add_action(menu, "&All slides", lambda: open_slide(
        SLIDES[panel.tabs.currentIndex()][0]), "Ctrl+L", "actionLectureSlides")
    menu.addSeparator()
    for i, (key, _, text) in enumerate(SLIDES):
        window.add_action(menu, text, lambda _=False, k=key: open_slide(k), None,
                          f"actionLecture{i + 1}")
    window.lecture_menu = menu


def _wire(panel, presenter, c):
    """The slides' controls to the controller's actions (the composition root's job)."""
    s = panel.slides
    panel.tabs.currentChanged.connect(lambda _: c.refresh())
    panel.play.toggled.connect(c.set_playing)
    panel.step.clicked.connect(c.step_once)
    panel.reset.clicked.connect(c.reset_same)

    forms = s["forms"]
    forms.simultaneous.toggled.connect(lambda on: on and c.set_update("simultaneous"))
    forms.sequential.toggled.connect(lambda on: on and c.set_update("sequential"))

    stop = s["stop"]
    stop.gradient.toggled.connect(lambda on: on and c.set_stop("gradient"))
    stop.step.toggled.connect(lambda on: on and c.set_stop("step"))
    stop.epsilon.valueChanged.connect(c.set_tolerance)

    def trap_on_main_run():
        c.set_playing(False)
        c.set_stop("step")
        c.reset_same()
        c.set_learning_rate(stop.trap_alpha.value())
        c.set_playing(True)

    stop.trap_main.clicked.connect(trap_on_main_run)

    theta, theta_p = s["theta"], presenter.presenters["theta"]

    def apply_theta():
        if theta_p.typed is not None and c.session.m:
            c.set_playing(False)
            c.set_original_theta(theta_p.typed)

    theta.apply.clicked.connect(apply_theta)
    theta.input.returnPressed.connect(apply_theta)

    def copy_run_theta():
        f = presenter.last
        if f is not None:
            theta.input.setText("[" + ", ".join(f"{v:.4g}" for v in f.shown.theta_raw) + "]")

    theta.from_run.clicked.connect(copy_run_theta)
    for b, terms, values in theta.examples.values():
        def use_example(_=False, terms=terms, values=values):
            if presenter.last is None or presenter.last.terms != terms:
                c.set_terms(terms)
            theta.input.setText("[" + ", ".join(f"{v:g}" for v in values) + "]")
        b.clicked.connect(use_example)

    feats = s["features"]

    def degree_chosen(index):
        d = feats.degree.itemData(index)
        if d:
            c.set_terms(polynomial_terms(d))

    feats.degree.activated.connect(degree_chosen)

    def term_toggled(_):
        terms = feats.checked_terms()
        if terms:
            c.set_terms(terms)
        else:  # at least one term: the next frame checks the box again
            presenter.presenters["features"]._terms = None
            c.refresh()

    for box in feats.term_boxes.values():
        box.toggled.connect(term_toggled)
    feats.l2.valueChanged.connect(lambda lam: c.set_l2(float(lam)))
