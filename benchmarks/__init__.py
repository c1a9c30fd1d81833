"""LogitLab's performance benchmark (issue 5): ``python -m benchmarks [--quick] [--json]``.

Not a test: it measures, offscreen, in one run

1. core step time vs a minimal fused numpy step (``core_step``),
2. live-loop frame time and descent steps per second of the real main
   window (``live``),
3. click latency with 10,000 points while descent runs (``live``),
4. start-up time to the first painted window (``processes``),
5. peak RSS after 1,000,000 steps and after loading 1,000,000 points
   (``processes``),
6. the lecture's per-example loop vs the vectorized ``propagate``
   (``core_step``),

and prints each figure beside its target from the issue (``targets``).
``--save FILE`` keeps the JSON, ``--report FILE`` prints a saved run's table,
``--only PART ...`` measures some parts only.  ``python -m
benchmarks.profile_frames [m ...]`` shows where a live-loop frame's time goes
(cProfile over tick + paint).
The modules that need no Qt (``core_step``, ``data``, ``stats``) can be
imported and run on their own, which the smoke test does.
"""
