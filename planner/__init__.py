"""planner: check an AI-system project plan and build its deck and Markdown plan."""

import gc

# A command's start-up makes ~100k objects that live until it ends (modules, classes,
# functions, data): at Python's default threshold (700 more objects than freed) the cyclic
# collector walks them ~30 times in a one-plan check (~4 ms of CPU) and ~150 times in a
# build (~55 ms), and frees almost nothing. Set first, before planner's modules and click
# are imported: young cycles are still collected, once 100k more objects live than freed.
# Measured (gc.callbacks; peak memory of a class build's workers, 30 plans): at 50k a
# build's passes cost ~15 ms, at 100k ~5 ms, at 200k ~1 ms; the workers' peak is 119-123
# MiB at 700, 121 at 50k, 122 at 100k, 126-131 at 200k. One build's peak is unchanged.
gc.set_threshold(100_000, *gc.get_threshold()[1:])

from planner import classcache  # noqa: E402  # after the collector's threshold, on purpose

__version__ = "0.1.0"

# Before any of planner's modules defines a dataclass (see planner/classcache.py).
classcache.install()
