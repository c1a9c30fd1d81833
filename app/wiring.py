"""Connect the window's controls to the controller's actions (the composition root's job)."""

from __future__ import annotations

from core.features import LINEAR, QUADRATIC

from .controls import slider_to_alpha


def wire(controller, w):
    """Every control's signal to the controller; plot gestures to the point editor."""
    c = w.controls
    vb = w.data_plot.view_box
    controller.editor.connect(vb)
    vb.sigRangeChanged.connect(controller.view_changed)
    w.data_plot.resized = controller.view_changed
    w.painted.connect(controller.worker.frame_painted)
    c.clear.clicked.connect(controller.clear_points)
    c.feature_linear.clicked.connect(lambda: controller.set_terms(LINEAR))
    c.feature_quadratic.clicked.connect(lambda: controller.set_terms(QUADRATIC))
    for box in c.term_boxes.values():
        box.toggled.connect(controller.terms_from_boxes)
    c.standardize.toggled.connect(controller.set_standardize)
    c.play_pause.toggled.connect(controller.set_playing)
    c.step.clicked.connect(controller.step_once)
    c.reset.clicked.connect(controller.reset_new)
    c.reset_same.clicked.connect(controller.reset_same)
    c.learning_rate.valueChanged.connect(lambda v: controller.set_learning_rate(slider_to_alpha(v)))
    c.learning_rate_value.valueChanged.connect(controller.set_learning_rate)
    c.tolerance.valueChanged.connect(controller.set_tolerance)
    c.steps_per_frame.valueChanged.connect(controller.set_steps_per_frame)
    c.cost_log.toggled.connect(controller.set_cost_log)
    w.status.lower_alpha.clicked.connect(controller.lower_alpha)
    w.status.action.clicked.connect(
        lambda: controller.take_action(w.status.action.property("action")))
    w.landscape.view_box.clicked.connect(controller.set_landscape_point)
    w.scrub.valueChanged.connect(controller.scrub_to)
    w.tabs.currentChanged.connect(lambda _: controller.refresh())
    w.one_d.play.toggled.connect(lambda _: controller.run_timer())
    c.race_group.toggled.connect(controller.set_race)
    c.loss.currentIndexChanged.connect(lambda _: controller.set_loss(c.loss.currentData()))
    c.show_pull.toggled.connect(controller.set_show_pull)
    c.race_start.clicked.connect(lambda: controller.set_race(True))
