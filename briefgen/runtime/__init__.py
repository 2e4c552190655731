"""How a run is carried out on this machine: each stage timed against its budget, work spread over
the usable cores in worker processes, and a progress bar on stderr."""
