"""Running a check: lint files (`engine`, on all cores with `parallel`), the
store of earlier results wrapped around it (`store/`), the whole run
(`runner`), and what a run can add: `--since` (`changes`), `--baseline`
(`baseline`) and `--fix` (`fixes`)."""
