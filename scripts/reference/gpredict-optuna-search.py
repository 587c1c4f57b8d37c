#!/usr/bin/python3
"""Optuna's TPE on the gPredict search benchmark's objectives (reference for bench/search).

The search space is read in Deuro's JSON grammar (docs/gpredict-search.md) and mapped onto
Optuna's define-by-run API; the objectives are written here again, the same formulas as
bench/search/objectives.ts (the `evaluate` command lets a test check that they agree).

  gpredict-optuna-search.py run --objective branin --space space.json --seeds 0,1 \
      --budget 200 [--min-trials 100] [--target 0.5] [--direction minimize] [--multivariate]
  gpredict-optuna-search.py evaluate --objective branin < configurations.json
  gpredict-optuna-search.py ask-tell --space space.json --seed 0 [--direction minimize] \
      [--multivariate]

`run` prints {"optuna": version, "runs": [{"seed": s, "values": [...], "seconds": t}]}: the
objective value of each trial in order. A run stops at `budget` trials, or earlier once it has
`min-trials` trials and its best value is at or below `target`. `evaluate` reads a JSON array
of configurations and prints the array of their values.

`ask-tell` lets another process evaluate the objective (bench/search drives it for objectives
written in TypeScript): it prints {"optuna": version}, then for each trial asks the study for
one, prints {"trial": number, "configuration": {...}} as one line, and reads one line from stdin,
the objective value as JSON: a finite number, which it tells the study, or null for a failed
trial (told as failed). It stops at the end of stdin; the trial asked last is then never told.

Needs Debian's python3-optuna (3.1).
"""

import argparse
import json
import math
import sys
import time

try:
    import optuna
except ImportError:  # pragma: no cover - reported to the caller
    sys.stderr.write("gpredict-optuna-search: the python module optuna is missing "
                     "(apt-get install python3-optuna)\n")
    sys.exit(3)

GRID_SLACK = 1e-9

# Branin-Hoo on [-5, 10] x [0, 15]; minimum 0.397887.
def branin(c):
    x1, x2 = c["x1"], c["x2"]
    b = 5.1 / (4 * math.pi ** 2)
    cc = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + cc * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
HARTMANN_P = [
    [1312, 1696, 5569, 124, 8283, 5886],
    [2329, 4135, 8307, 3736, 1004, 9991],
    [2348, 1451, 3522, 2883, 3047, 6650],
    [4047, 8828, 8732, 5743, 1091, 381],
]


# Hartmann-6 on [0, 1]^6; minimum -3.32237.
def hartmann6(c):
    x = [c["x" + str(j + 1)] for j in range(6)]
    total = 0.0
    for i in range(4):
        inner = 0.0
        for j in range(6):
            inner += HARTMANN_A[i][j] * (x[j] - HARTMANN_P[i][j] * 1e-4) ** 2
        total += HARTMANN_ALPHA[i] * math.exp(-inner)
    return -total


# The conditional benchmark: a model family, then its own hyper-parameters (bench/search).
def conditional_models(c):
    model = c["model"]
    if model == "svm":
        return (0.25 + 0.05 * (math.log10(c["svm.C"]) - 1.5) ** 2
                + 0.08 * (math.log10(c["svm.gamma"]) + 2.2) ** 2)
    if model == "forest":
        return 0.2 + 0.6 / (1 + c["forest.trees"] / 16) + 0.004 * (c["forest.depth"] - 12) ** 2
    dropout = 0.5 * (c["mlp.dropout"] - 0.35) ** 2
    if c["mlp.optimizer"] == "sgd":
        return (0.15 + 0.3 * (c["mlp.sgd.momentum"] - 0.9) ** 2
                + 0.03 * (math.log10(c["mlp.learningRate"]) + 1.7) ** 2 + dropout)
    return 0.16 + 0.03 * (math.log10(c["mlp.learningRate"]) + 3) ** 2 + dropout


OBJECTIVES = {"branin": branin, "hartmann6": hartmann6, "conditional-models": conditional_models}


def grid_count(low, high, step):
    return math.floor((high - low) / step + GRID_SLACK) + 1


def grid_value(low, step, index, integer):
    value = low + index * step
    return value if integer else float("%.15g" % value)


def option_label(option):
    return option["value"] if isinstance(option, dict) else option


def suggest_parameter(trial, name, p):
    kind = p["type"]
    if kind == "uniform":
        return trial.suggest_float(name, p["low"], p["high"])
    if kind == "loguniform":
        return trial.suggest_float(name, p["low"], p["high"], log=True)
    if kind == "quniform":
        top = grid_value(p["low"], p["q"], grid_count(p["low"], p["high"], p["q"]) - 1, False)
        value = trial.suggest_float(name, p["low"], top, step=p["q"])
        return grid_value(p["low"], p["q"], round((value - p["low"]) / p["q"]), False)
    if kind == "qloguniform":
        # Optuna has no stepped log scale: sample log-uniform, then snap to the grid.
        value = trial.suggest_float(name, p["low"], p["high"], log=True)
        count = grid_count(p["low"], p["high"], p["q"])
        index = min(count - 1, max(0, round((value - p["low"]) / p["q"])))
        return grid_value(p["low"], p["q"], index, False)
    if kind == "int":
        step = p.get("step", 1)
        top = p["low"] + (grid_count(p["low"], p["high"], step) - 1) * step
        return trial.suggest_int(name, p["low"], top, step=step, log=p.get("log", False))
    raise ValueError("unknown parameter type " + str(kind))


def suggest_group(trial, parameters, configuration):
    for name in sorted(parameters):
        p = parameters[name]
        if p["type"] != "choice":
            configuration[name] = suggest_parameter(trial, name, p)
            continue
        options = p["options"]
        # Categories by index, so that labels of mixed types (1 and true) stay apart.
        index = trial.suggest_categorical(name, list(range(len(options))))
        configuration[name] = option_label(options[index])
        if isinstance(options[index], dict):
            suggest_group(trial, options[index].get("parameters", {}), configuration)


def run_seed(objective, space, seed, args):
    sampler = optuna.samplers.TPESampler(
        seed=seed, multivariate=args.multivariate, group=args.multivariate)
    study = optuna.create_study(sampler=sampler, direction=args.direction)
    sign = 1 if args.direction == "minimize" else -1
    values = []
    started = time.perf_counter()
    for _ in range(args.budget):
        trial = study.ask()
        configuration = {}
        suggest_group(trial, space["parameters"], configuration)
        value = objective(configuration)
        study.tell(trial, value)
        values.append(value)
        reached = args.target is not None and min(sign * v for v in values) <= sign * args.target
        if reached and len(values) >= args.min_trials:
            break
    return {"seed": seed, "values": values, "seconds": time.perf_counter() - started}


def command_run(args):
    with open(args.space, encoding="utf-8") as handle:
        space = json.load(handle)
    objective = OBJECTIVES[args.objective]
    seeds = [int(seed) for seed in args.seeds.split(",") if seed != ""]
    runs = [run_seed(objective, space, seed, args) for seed in seeds]
    json.dump({"optuna": optuna.__version__, "objective": args.objective, "runs": runs},
              sys.stdout)
    sys.stdout.write("\n")


def command_ask_tell(args):
    with open(args.space, encoding="utf-8") as handle:
        space = json.load(handle)
    sampler = optuna.samplers.TPESampler(
        seed=args.seed, multivariate=args.multivariate, group=args.multivariate)
    study = optuna.create_study(sampler=sampler, direction=args.direction)
    print_line({"optuna": optuna.__version__})
    while True:
        trial = study.ask()
        configuration = {}
        suggest_group(trial, space["parameters"], configuration)
        print_line({"trial": trial.number, "configuration": configuration})
        line = sys.stdin.readline()
        if line == "":
            return
        value = json.loads(line)
        if value is None:
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) \
                and math.isfinite(value):
            study.tell(trial, float(value))
        else:
            raise ValueError("trial %d: expected a finite number or null, got %r"
                             % (trial.number, line.strip()))


def print_line(document):
    sys.stdout.write(json.dumps(document) + "\n")
    sys.stdout.flush()


def command_evaluate(args):
    objective = OBJECTIVES[args.objective]
    configurations = json.load(sys.stdin)
    json.dump([objective(configuration) for configuration in configurations], sys.stdout)
    sys.stdout.write("\n")


def main():
    parser = argparse.ArgumentParser(description="Optuna TPE reference for bench/search")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run")
    run.add_argument("--objective", required=True, choices=sorted(OBJECTIVES))
    run.add_argument("--space", required=True)
    run.add_argument("--seeds", required=True)
    run.add_argument("--budget", type=int, default=200)
    run.add_argument("--min-trials", type=int, default=100)
    run.add_argument("--target", type=float)
    run.add_argument("--direction", choices=["minimize", "maximize"], default="minimize")
    run.add_argument("--multivariate", action="store_true")
    evaluate = commands.add_parser("evaluate")
    evaluate.add_argument("--objective", required=True, choices=sorted(OBJECTIVES))
    ask_tell = commands.add_parser("ask-tell")
    ask_tell.add_argument("--space", required=True)
    ask_tell.add_argument("--seed", type=int, required=True)
    ask_tell.add_argument("--direction", choices=["minimize", "maximize"], default="minimize")
    ask_tell.add_argument("--multivariate", action="store_true")
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    if args.command == "run":
        command_run(args)
    elif args.command == "ask-tell":
        command_ask_tell(args)
    else:
        command_evaluate(args)


if __name__ == "__main__":
    main()
