"""torch.optim.Adam on 10M float64 parameters (Debian's python3-torch, CPU), for Descent's optimizer
benchmark: the median time of one optimizer step with the default implementation and with
foreach=True, using the given number of threads.
Usage: python3 optim.py CORES   -> one JSON line with medians in milliseconds."""
import json
import statistics
import sys
import time

import torch


def median_ms(step, reps=30):
    for _ in range(5):
        step()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def main():
    cores = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(cores)
    torch.manual_seed(1)
    n = 10_000_000
    out = {"torch_version": torch.__version__, "threads": cores}
    for name, foreach in (("adam_default_ms", None), ("adam_foreach_ms", True)):
        p = torch.randn(n, dtype=torch.float64, requires_grad=True)
        p.grad = torch.randn(n, dtype=torch.float64)
        opt = torch.optim.Adam([p], lr=1e-6, foreach=foreach)
        out[name] = median_ms(opt.step)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
