"""Takes far longer than the test's --timeout to load."""

import time

time.sleep(120)
