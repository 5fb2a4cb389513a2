"""What faqlint knows about language: scripts and look-alike letters, the
person/thing lexicon, question normalisation and similarity, the pool of a
site's questions, and (optionally) sentence embeddings."""
