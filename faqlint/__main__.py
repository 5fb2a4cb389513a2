from faqlint.cli import run

run()
