"""Link checking: internal targets against the site index, external URLs over HTTP."""
