"""Declarative style rules (YAML packs) and the matchers that run them."""
