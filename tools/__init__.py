"""Developer tools for the book: building it (with parallel reading) and benchmarking
it. Not part of the runtime package ``usnk``; nothing in ``usnk`` imports them."""
