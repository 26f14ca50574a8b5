#!/usr/bin/env python
from bordertwin.cli import main

if __name__ == "__main__":
    main()
