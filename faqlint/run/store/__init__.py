"""The store: what earlier runs learned, kept in the cache folder so that an
unchanged file is neither read nor parsed again. The runner asks it first,
lints what it lacks and gives it what was linted; the engine never sees it."""
