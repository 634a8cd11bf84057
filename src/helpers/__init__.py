"""parley's importable package: extraction, analysis and reporting of diplomatic engagements."""

__version__ = "0.1.0"
