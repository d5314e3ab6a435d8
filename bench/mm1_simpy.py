"""M/M/1 in SimPy, the discrete-event simulator many engineers would reach for.

The same model as the engine's `arrivals=poisson&service=exponential` run: Poisson arrivals at
LAMBDA events/s into one server with exponential service at MU events/s, FIFO, unbounded queue.
Prints one JSON object: arrivals, completions, mean sojourn time (s), wall time (s).

Usage: /usr/bin/python3 bench/mm1_simpy.py LAMBDA MU SIM_SECONDS SEED
"""
import json
import random
import sys
import time

import simpy


def main():
    lam, mu, until, seed = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
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
    start = time.perf_counter()
    env.run(until=until)
    wall = time.perf_counter() - start
    done = stats["completions"]
    print(json.dumps({
        "simpyVersion": simpy.__version__,
        "arrivals": stats["arrivals"],
        "completions": done,
        "meanSojournSec": stats["sojourn_sum"] / done if done else None,
        "wallSec": wall,
    }))


if __name__ == "__main__":
    main()
