"""claimgraph: who said what, about whom, with what numbers — with provenance."""

__version__ = "0.1.0"
