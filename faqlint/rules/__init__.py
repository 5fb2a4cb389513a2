"""Rules: what a rule yields (`problem`), the catalogue and which rules run
(`rule`, `ruleset`, `catalogue`), what corpus rules see (`corpus`), one module
per built-in rule (`checks/`) and the YAML rule packs (`style/`)."""
