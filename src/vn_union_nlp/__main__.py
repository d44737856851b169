import sys

from vn_union_nlp.cli import main

sys.exit(main())
