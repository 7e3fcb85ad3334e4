"""Roles, the one scoping rule, its guards for services and its admin base classes;
login lockout and password hashing."""
