"""Database helpers shared by the apps: COPY and multi-row INSERT writers, composite
foreign keys, the history base, the planner's statistics, and for loads of millions of
rows (the province demo) indexes built after the load and a second connection."""
