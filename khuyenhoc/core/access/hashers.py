from django.contrib.auth.hashers import Argon2PasswordHasher


class TunedArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with 64 MiB and two passes on two lanes, one per core of our 2-core hosts.

    With Django's defaults (100 MiB, eight lanes) a login took a median of 150 to 490 ms
    (p95 up to 660 ms) on a busy 2-core machine, this about 100 ms (p95 125 ms); it stays
    memory-hard: 64 MiB per guess is above OWASP's
    19 to 46 MiB floor and RFC 9106's second recommended option uses the same memory. The
    name stays "argon2", so Django rehashes older Argon2 hashes to these costs at login.
    tests/bench/bench_login.py measures a login (README: under 300 ms)."""

    time_cost = 2
    memory_cost = 64 * 1024  # KiB
    parallelism = 2
