#!/usr/bin/env python3
"""Reference for Deuro's UBM trainer: scikit-learn GaussianMixture(covariance_type='diag').

Usage: speech-ivector-gmm.py DIR N_ITER REG_COVAR [--time-posteriors]

N_ITER 0 uses the start as the fitted model. DIR holds frames.npy (N x D), weights.npy (K), means.npy (K x D) and variances.npy (K x D),
the start both trainers share. The mixture is fitted one EM iteration at a time (warm_start,
max_iter=1) so that the average log likelihood before every M step (sklearn's lower_bound_) is
recorded; prints JSON: {"logLikelihoods": [...], "score": final average log likelihood per
frame, "weights": [...], "means": [[...]], "variances": [[...]], "sklearn": version}.
With --time-posteriors it also times predict_proba (frame posteriors, the work of Baum-Welch
statistics) on the frames with the fitted model, best of three, as "posteriorSeconds".
"""
import json
import sys
import time
import warnings

try:
    import numpy as np
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture
except ImportError as error:  # pragma: no cover - reported to the calling test
    sys.stderr.write(
        f"missing Python module ({error}); install Debian's python3-sklearn and run /usr/bin/python3\n"
    )
    sys.exit(3)


def main() -> None:
    directory, iterations, reg_covar = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    frames = np.load(f"{directory}/frames.npy").astype(np.float64)
    weights = np.load(f"{directory}/weights.npy")
    means = np.load(f"{directory}/means.npy")
    variances = np.load(f"{directory}/variances.npy")
    gmm = GaussianMixture(
        n_components=len(weights),
        covariance_type="diag",
        max_iter=1,
        n_init=1,
        tol=0.0,
        reg_covar=reg_covar,
        weights_init=weights,
        means_init=means,
        precisions_init=1.0 / variances,
        warm_start=True,
        random_state=0,
    )
    log_likelihoods = []
    if iterations == 0:
        # No fitting: the start itself is the model (for timing posteriors under a given UBM).
        gmm.weights_, gmm.means_, gmm.covariances_ = weights, means, variances
        gmm.precisions_cholesky_ = 1.0 / np.sqrt(variances)
        gmm.converged_ = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(iterations):
            gmm.fit(frames)
            log_likelihoods.append(float(gmm.lower_bound_))
    timing = {}
    if "--time-posteriors" in sys.argv[4:]:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            gmm.predict_proba(frames)
            best = min(best, time.perf_counter() - started)
        timing["posteriorSeconds"] = best
    json.dump(
        {
            **timing,
            "logLikelihoods": log_likelihoods,
            "score": float(gmm.score(frames)),
            "weights": gmm.weights_.tolist(),
            "means": gmm.means_.tolist(),
            "variances": gmm.covariances_.tolist(),
            "sklearn": sklearn.__version__,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
