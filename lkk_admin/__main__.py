import sys

from lkk_admin.cli import main

sys.exit(main())
