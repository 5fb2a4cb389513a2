"""faqlint: lint FAQ pages in documentation repositories."""

__version__ = "0.1.0"
