"""Generate lecture.logitlab.json: the lecture (../shared/seed/logistic-regression-lecture.md)
as a lesson script that asks the class to predict before descent runs.

Run from the repository root:  python resources/lectures/make_lecture.py
The thresholds and the race's winner are computed here with core, so the teacher's
notes say what the run will show.
"""

from __future__ import annotations

import dataclasses
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from core.demonstrations import CRAWL, EXPECTED, KEYS, OSCILLATE, SMOOTH_RUN, demonstrations  # noqa: E402
from core.lesson import Lesson, lesson_to_json, read_lesson  # noqa: E402
from core.race import Race  # noqa: E402
from core.script import Question, Script, Step  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PRESETS = os.path.join(ROOT, "resources", "presets")


def cost_after(lesson, n):
    session = lesson.to_session()
    session.step(n)
    return session.cost


def nice(x):
    return float(f"{x:.2g}")


def main():
    linear = read_lesson(os.path.join(PRESETS, "1_linear.logitlab.json"))
    demos = dict(zip(KEYS, demonstrations()))

    squared = Step(preset="1_linear", settings={"loss": "squared_error"}).resolve(linear)
    j_sq = cost_after(squared, 200)
    j_ce = cost_after(linear, 200)
    sq_threshold = nice(2 * j_ce)

    # Ten steps a frame: the race and the likelihood run take a few seconds, not a minute.
    blobs = dataclasses.replace(demos[SMOOTH_RUN], steps_per_frame=10)
    lanes = (demos[CRAWL].learning_rate, blobs.learning_rate, demos[OSCILLATE].learning_rate)
    race = Race.from_session(blobs.to_session(), list(lanes))
    while not race.finished and race.iteration < 3000:
        race.step(10)
    winner = race.winner()
    # The reveal stops a little after the winner is in: the slow lanes never finish.
    race_steps = (winner.converged_at + 30) if winner else 1000
    j_ml = cost_after(blobs, 300)
    ml_taken = blobs.to_session()
    ml_taken.step(300)
    ml_taken = ml_taken.iteration  # its stopping test ends descent before 300
    oscillate = demos[OSCILLATE]
    a_star = oscillate.to_session().alpha_star()
    # "more than 3×": the multiple as far as it is whole, so the caption stays true.
    times = int(oscillate.learning_rate / a_star)
    ml_threshold = nice(j_ml * 1.25)

    def demo(key, **texts):
        return Step.from_lesson(demos[key], **texts)

    steps = [
        Step(title="σ(z): a score becomes a probability", preset="1_linear", panel="sigmoid",
             caption="ŷ = σ(z) = 1 / (1 + e^(−z)), z = wᵀx + b. σ(0) = 0.5: the boundary is "
                     "where z = 0.",
             notes="Ask: what is σ(10)? σ(−10)? Show the σ(z) panel; point out that ŷ is "
                   "P(y = 1 | x)."),
        Step(title="Squared error vs cross-entropy", preset="1_linear",
             settings={"loss": "squared_error"}, panel="cost",
             caption="With σ inside, squared error ½(ŷ − y)² is not convex and its gradient "
                     "vanishes where σ saturates. Cross-entropy −[y log ŷ + (1−y) log(1−ŷ)] "
                     "is convex.",
             notes=f"Squared error after 200 steps: J = {j_sq:.3g} (cross-entropy reaches "
                   f"{j_ce:.3g}, but the two J are on different scales: compare the "
                   "boundaries, not the numbers). Then switch the Loss to cross-entropy and "
                   "run again.",
             question=Question("cost_at", steps=200, threshold=sq_threshold,
                               prompt=f"With squared error, after 200 steps: will J be "
                                      f"above or below {sq_threshold:g}?")),
        Step(title="Decision boundary from θ = [−3, 1, 1]", preset="1_linear", panel="cost",
             caption="Predict y = 1 if σ(−3 + x1 + x2) ≥ 0.5, i.e. if x1 + x2 ≥ 3. "
                     "Descent starts from a random θ.",
             notes="The data were drawn from x1 + x2 ≥ 3. A right answer is the line "
                   "through (0, 3) and (3, 0).",
             question=Question("boundary", steps=2000,
                               prompt="Where will descent put the boundary? Draw the line.")),
        Step(title="The circle x1² + x2² ≥ 1", preset="2_circle", panel="cost",
             caption="With the features x1, x2, x1², x2² the boundary θᵀx = 0 can be a "
                     "circle: θ = [−1, 0, 0, 1, 1] gives x1² + x2² ≥ 1.",
             notes="Click the centre, then a point on the circle. Expect a circle of radius "
                   "≈ 1 around the origin.",
             question=Question("boundary", steps=3000,
                               prompt="Where will the boundary be? Draw the circle.")),
        Step(title="Gradient descent on J(w) = (w − 2)²", preset="1_linear", panel="one_d",
             caption="w := w − α·dJ/dw = w − α·2(w − 2). Each step moves w towards the "
                     "minimum at w = 2, by a step proportional to the slope.",
             notes="Use the 1-D slide: Play it, then try its α buttons 0.1, 0.5, 0.8, 1 "
                   "and 1.05."),
        demo(OSCILLATE, title="α too large", panel="cost",
             caption=f"New points, and α = {oscillate.learning_rate:g}: more than {times}× "
                     f"α* = {a_star:.3g}. Each step is α times the gradient.",
             notes=f"It oscillates (core.demonstrations: α = {demos[OSCILLATE].learning_rate:g};"
                   " judged after 60 steps).",
             question=Question("regime", steps=EXPECTED[OSCILLATE].steps,
                               prompt=f"What will α = {demos[OSCILLATE].learning_rate:g} do?")),
        demo(CRAWL, title="α too small", panel="cost",
             caption="Now α is tiny. Every step still goes downhill.",
             notes="It crawls: ‖dw‖ ≤ ε is hundreds of thousands of steps away.",
             question=Question("regime", steps=EXPECTED[CRAWL].steps,
                               prompt=f"What will α = {demos[CRAWL].learning_rate:g} do?")),
        Step.from_lesson(blobs, title="Race: too small, right, too large", panel="cost",
                         caption="Three runs from the same θ⁰, in lock-step. The first to "
                                 "reach ‖dw‖ ≤ ε wins.",
                         notes=f"Winner: α = {winner.learning_rate:g} in "
                               f"{winner.converged_at:,} steps." if winner else "No winner.",
                         question=Question("race", lanes=lanes, steps=race_steps)),
        Step(title="Simultaneous vs sequential update", preset="1_linear", settings={"update": "sequential"},
             panel="cost",
             caption="Correct: temp0 = b − α·db, temp1 = w1 − α·dw1, then b = temp0, "
                     "w1 = temp1. This step runs the incorrect form: b first, then dw1 at "
                     "the new b.",
             notes="This step runs the sequential (incorrect) form; compare with Lecture ▸ 1 "
                   "Correct vs incorrect form."),
        Step(title="Computational graph", preset="1_linear", panel="graph",
             caption="Forward: z = wᵀx + b → a = σ(z) → L(a, y). Backward: dz = a − y, "
                     "dw = x·dz, db = dz.",
             notes="Click a point on the data plot with Ctrl to follow it through the graph."),
        Step(title="Vectorization", preset="1_linear", panel="cost",
             caption="Z = wᵀX + b, A = σ(Z), dZ = A − Y, dw = X·dZᵀ / m, db = Σ dZ / m — "
                     "no for-loop over the m examples.",
             notes="Run ▸ Vectorization: loop vs np.dot times both on this machine."),
        Step.from_lesson(blobs, title="Maximum likelihood", panel="cost",
                         caption="p(y | x) = ŷ^y (1 − ŷ)^(1−y). The log-likelihood of the "
                                 "m examples is log P = −m·J: minimizing J maximizes it.",
                         notes=(f"After 300 steps J = {j_ml:.3g}" if ml_taken >= 300 else
                                f"Descent stops after {ml_taken:,} steps (‖dw‖ ≤ ε), J = "
                                f"{j_ml:.3g} from then on")
                               + f", so log P = {-len(blobs.points) * j_ml:.3g}."
                               .replace("-", "−"),
                         question=Question("cost_at", steps=300, threshold=ml_threshold,
                                           prompt=f"After 300 steps, will J be above or "
                                                  f"below {ml_threshold:g}?")),
    ]
    first = Step(preset="1_linear").resolve(linear)
    lecture = Lesson(first.points, first.labels, terms=first.terms, standardize=first.standardize,
                     learning_rate=first.learning_rate, view=first.view,
                     title="Logistic regression, predicted", script=Script(steps),
                     description="The lecture as a lesson script: predict, then run.")
    path = os.path.join(HERE, "lecture.logitlab.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(lesson_to_json(lecture))
    asked = sum(s.question is not None for s in steps)
    print(f"{path}: {len(steps)} steps, {asked} predictions; race winner "
          f"{winner.learning_rate if winner else None}, J_sq {j_sq:.3g} vs {sq_threshold}")


if __name__ == "__main__":
    main()
