"""Database helpers shared by the apps: COPY and multi-row INSERT writers, composite
foreign keys, the history base."""
