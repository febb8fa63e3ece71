"""Pure page make-up (版面): grid, slots, automatic arrangement, CLREQ line rules.

Nothing in this package imports Django: plain data in, plain data out.
"""
