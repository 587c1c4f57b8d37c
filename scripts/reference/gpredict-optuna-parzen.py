#!/usr/bin/python3
"""Log densities of Optuna 3.1's Parzen estimator, the reference for gPredict's TPE estimator.

Reads from stdin a JSON array of cases, each
  {"space": <Deuro search space without branches>, "observations": {name: [values]},
   "points": {name: [values]}, "multivariate": bool, "magicClip": bool (default true)}
and prints a JSON array with, per case, the log density of each point under Optuna's
_ParzenEstimator fitted to the observations with TPESampler's defaults (prior weight 1, magic
clip unless "magicClip" is false, no endpoints, default_weights). Parameter types map to Optuna's distributions: uniform and
loguniform to FloatDistribution, quniform to FloatDistribution with step, int (linear) to
IntDistribution, choice to CategoricalDistribution over option indices. Values are given as in a
Deuro configuration (option labels for choices). Needs Debian's python3-optuna (3.1).

Optuna 3.1's truncated-normal log density leaves out -log(scale) (optuna/optuna#5109, fixed by
PR #5110, merged in November 2023), so its continuous densities are not normalised; the fix is
applied here unless --as-released is given, since Deuro implements the corrected density.
"""

import json
import math
import sys

try:
    import numpy as np
    from optuna import distributions
    from optuna.samplers._tpe import _truncnorm
    from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator
    from optuna.samplers._tpe.parzen_estimator import _ParzenEstimatorParameters
    from optuna.samplers._tpe.sampler import default_weights
except ImportError:  # pragma: no cover - reported to the caller
    sys.stderr.write("gpredict-optuna-parzen: the python module optuna is missing "
                     "(apt-get install python3-optuna)\n")
    sys.exit(3)

GRID_SLACK = 1e-9


def grid_top(low, high, step):
    count = math.floor((high - low) / step + GRID_SLACK) + 1
    return low + (count - 1) * step


def option_label(option):
    return option["value"] if isinstance(option, dict) else option


def to_distribution(p):
    kind = p["type"]
    if kind == "uniform":
        return distributions.FloatDistribution(p["low"], p["high"])
    if kind == "loguniform":
        return distributions.FloatDistribution(p["low"], p["high"], log=True)
    if kind == "quniform":
        return distributions.FloatDistribution(
            p["low"], grid_top(p["low"], p["high"], p["q"]), step=p["q"])
    if kind == "int" and not p.get("log", False):
        step = p.get("step", 1)
        return distributions.IntDistribution(
            p["low"], int(grid_top(p["low"], p["high"], step)), step=step)
    if kind == "choice":
        return distributions.CategoricalDistribution(list(range(len(p["options"]))))
    raise ValueError("no Optuna counterpart for " + json.dumps(p))


def internal(p, values):
    if p["type"] != "choice":
        return np.asarray(values, dtype=float)
    labels = [option_label(option) for option in p["options"]]
    keyed = [(type(label), label) for label in labels]
    return np.asarray([keyed.index((type(value), value)) for value in values], dtype=float)


def log_densities(case):
    parameters = case["space"]["parameters"]
    search_space = {name: to_distribution(p) for name, p in parameters.items()}
    settings = _ParzenEstimatorParameters(
        consider_prior=True,
        prior_weight=1.0,
        consider_magic_clip=case.get("magicClip", True),
        consider_endpoints=False,
        weights=default_weights,
        multivariate=case["multivariate"],
    )
    observations = {name: internal(parameters[name], values)
                    for name, values in case["observations"].items()}
    points = {name: internal(parameters[name], values)
              for name, values in case["points"].items()}
    for name, p in parameters.items():
        if p["type"] == "choice":
            points[name] = points[name].astype(int)
    estimator = _ParzenEstimator(observations, search_space, settings)
    return estimator.log_pdf(points).tolist()


def apply_upstream_fix():
    released = _truncnorm.logpdf

    def logpdf(x, a, b, loc=0, scale=1):
        return released(x, a, b, loc, scale) - np.log(scale)

    _truncnorm.logpdf = logpdf


def main():
    if "--as-released" not in sys.argv[1:]:
        apply_upstream_fix()
    cases = json.load(sys.stdin)
    json.dump([log_densities(case) for case in cases], sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
