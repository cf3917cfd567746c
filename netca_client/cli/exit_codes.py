"""The exit codes of `netca`, one meaning each (README; scripts rely on them)."""

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_KEY = 3
EXIT_PIN_INCORRECT = 4
EXIT_PIN_LOCKED = 5
EXIT_DRIVER = 6
EXIT_RA = 7
EXIT_PDF = 8
EXIT_SEAL = 9
EXIT_CANCELLED = 130
