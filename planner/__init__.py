"""planner: check an AI-system project plan and build its deck and Markdown plan."""

from planner import classcache

__version__ = "0.1.0"

# Before any of planner's modules defines a dataclass (see planner/classcache.py).
classcache.install()
