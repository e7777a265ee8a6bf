"""code-check: readiness for the Ombudsman's Complaint Handling Code."""

__version__ = "0.1.0"
