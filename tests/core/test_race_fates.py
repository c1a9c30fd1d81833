"""What a race says of every lane: the winner, and each other lane's fate (converged,
diverged, bouncing, crawling, still descending); a race whose other lanes can only
bounce ends, and says why, instead of running forever."""

from __future__ import annotations

from pathlib import Path

from core.lesson import read_lesson
from core.race import Race

PRESETS = Path(__file__).resolve().parents[2] / "resources" / "presets"


def preset_race(name, rates=(0.1, 1.0, 10.0)):
    session = read_lesson(PRESETS / name).to_session()
    return Race.from_session(session, list(rates))


def run(race, steps, chunk=50):
    for _ in range(steps // chunk):
        race.step(chunk)
        if race.finished:
            break


def test_the_ring_race_ends_once_the_last_lane_can_only_bounce():
    race = preset_race("5_ring.logitlab.json")
    run(race, 20_000)
    assert race.finished, race.summary()
    assert race.winner().learning_rate == 1.0
    bouncer = race.lanes[2]
    assert bouncer.converged_at is None and not bouncer.diverged
    assert race.ended_at == bouncer.engine.iteration
    summary = race.summary()
    assert summary.startswith("α = 1 reached ‖dw‖ ≤ ε first, in 76 steps;"), summary
    assert f"α = 0.1 converged at step {race.lanes[0].converged_at:,}" in summary
    assert f"α = 10 still bouncing at step {race.ended_at:,}: cannot win." in summary
    # Nothing steps once the race is over.
    race.step(10)
    assert bouncer.engine.iteration == race.ended_at


def test_a_running_race_names_each_lanes_state():
    race = preset_race("5_ring.logitlab.json")
    race.step(40)  # no lane has stopped yet
    assert race.winner() is None and not race.finished
    summary = race.summary()
    # Lanes of one fate are named together (a shorter sentence on a small stage).
    assert summary == "α = 0.1 and 1 descending; α = 10 bouncing.", summary
    assert "Racing" not in summary  # the step is the headline's


def test_a_slow_lane_still_descending_is_waited_for():
    race = preset_race("3_blobs.logitlab.json")
    run(race, 200)  # α = 10 has won, α = 1 and α = 0.1 still descend
    assert race.winner().learning_rate == 10.0 and not race.finished
    assert race.ended_at is None
    run(race, 5_000)
    assert race.finished and race.ended_at is None
    assert all(lane.converged_at is not None for lane in race.lanes)
    assert race.summary() == ("α = 10 reached ‖dw‖ ≤ ε first, in 21 steps; "
                              "α = 0.1 converged at step 2,084; α = 1 converged at step 205.")
