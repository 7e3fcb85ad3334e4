"""What every app of the portal shares: who may do what (access), Excel in and out
(sheets), database helpers (db), request helpers (web), numbers and text in Vietnamese,
and the erasure of a person. It imports no app of the portal."""
