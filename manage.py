#!/usr/bin/env python
"""Django's command-line utility; `.venv/bin/chenbao` is the same with shorter names."""

from chenbao.cli import main

if __name__ == "__main__":
    main()
