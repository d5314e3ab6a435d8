"""M/M/1 in SimPy, the discrete-event simulator many engineers would reach for.

The same model as the engine's `arrivals=poisson&service=exponential` run: Poisson arrivals at
LAMBDA events/s into one server with exponential service at MU events/s, FIFO, unbounded queue.
Runs it REPEATS times (same seed) and prints one JSON object: arrivals, completions, mean
sojourn time (s), and the median CPU time of a run (s), measured as the engine is measured
(process CPU time, not wall time, so other processes on a busy machine do not count).

Usage: /usr/bin/python3 bench/mm1_simpy.py LAMBDA MU SIM_SECONDS SEED [REPEATS]
"""
import json
import random
import statistics
import sys
import time

import simpy


def run_once(lam, mu, until, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    stats = {"arrivals": 0, "completions": 0, "sojourn_sum": 0.0}

    def customer():
        arrived = env.now
        with server.request() as req:
            yield req
            yield env.timeout(rng.expovariate(mu))
        stats["completions"] += 1
        stats["sojourn_sum"] += env.now - arrived

    def source():
        while True:
            yield env.timeout(rng.expovariate(lam))
            stats["arrivals"] += 1
            env.process(customer())

    env.process(source())
    start = time.process_time()
    env.run(until=until)
    return stats, time.process_time() - start


def main():
    lam, mu, until, seed = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    times = []
    stats = None
    for _ in range(max(1, repeats)):
        stats, cpu = run_once(lam, mu, until, seed)
        times.append(cpu)
    done = stats["completions"]
    print(json.dumps({
        "simpyVersion": simpy.__version__,
        "arrivals": stats["arrivals"],
        "completions": done,
        "meanSojournSec": stats["sojourn_sum"] / done if done else None,
        "cpuSec": statistics.median(times),
        "repeats": len(times),
    }))


if __name__ == "__main__":
    main()
