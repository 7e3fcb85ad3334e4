"""Citizens and households register and assess themselves from their phones, with a
code their commune issued; the commune reviews what they send (issue 27)."""
