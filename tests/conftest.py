import sys
from pathlib import Path

# Test helpers (clitools, badserver) import by name from this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent))
