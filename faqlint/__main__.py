import sys

from faqlint.cli import main

sys.exit(main())
