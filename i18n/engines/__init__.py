"""Machine translation: the engine contract, Argos packages, the cache, glossary-protected translation."""
