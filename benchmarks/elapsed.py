# Runs a command and prints its wall-clock seconds; the interpreter's own start-up is not counted.
# Exits with the command's status, its output going to the file named by ELAPSED_LOG (or nowhere).
import os
import subprocess
import sys
import time

log = open(os.environ.get("ELAPSED_LOG", os.devnull), "w")
start = time.perf_counter()
status = subprocess.run(sys.argv[1:], stdout=log, stderr=subprocess.STDOUT).returncode
print(f"{time.perf_counter() - start:.6f}")
sys.exit(status)
