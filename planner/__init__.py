"""planner: check an AI-system project plan and build its deck and Markdown plan."""

__version__ = "0.1.0"
