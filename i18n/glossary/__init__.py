"""Names and terms: the glossary model, CSV and TBX files, the matcher, morphology, candidates."""
