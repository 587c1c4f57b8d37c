#!/usr/bin/python3
"""Reference image features for Deuro's image extractors (gateway/src/features/image).

usage: /usr/bin/python3 scripts/reference/image-features.py IMAGE PARAMS

IMAGE is a PNG or JPEG path; PARAMS is a JSON object (inline, or a path to a JSON file) with
"features" (a list drawn from gray, canny, opencvCanny, harris, shiTomasi, opencvHarris,
opencvShiTomasi, opencvGoodFeatures, log, doh, ridges)
and one object of parameters per feature, named as Deuro's options (docs/features-image.md).
Prints one JSON object on stdout.

The image is read as Deuro reads it: cv2.imread(IMREAD_COLOR) then cvtColor(BGR2GRAY), and the
8-bit gray levels become floats with scikit-image's img_as_float (v * (1 / 255)). Then:

  canny        skimage.feature.canny(image, sigma, low, high)        -> edge pixel indices
  opencvCanny  cv2.GaussianBlur(gray8, ksize 2 int(4 sigma + 0.5) + 1, sigma)
               + cv2.Canny(L2gradient, thresholds x 255)             -> edge pixel indices
  harris       skimage corner_harris(k, sigma) + corner_peaks          -> corners with scores
  shiTomasi    skimage corner_shi_tomasi(sigma) + corner_peaks         -> corners with scores
  opencvHarris cv2.cornerHarris(float32 image, blockSize, 3, k) + corner_peaks
                                                                     -> corners with scores
  opencvShiTomasi  cv2.cornerMinEigenVal(float32 image, blockSize, 3) + corner_peaks
                                                                     -> corners with scores
  opencvGoodFeatures  cv2.goodFeaturesToTrack(float32 image, maxCorners, thresholdRel,
               minDistance, blockSize), OpenCV's own peak selection  -> corners with scores
  log          skimage.feature.blob_log                                -> blobs with scores
  doh          skimage.feature.blob_doh                                -> blobs with scores
  ridges       skimage.filters.sato (mode reflect)                     -> response, base64 f64

A blob's score is the scale-space response at its position and scale (blob_log and blob_doh
do not return it): -sigma^2 LoG, and the approximate Hessian determinant.

Needs Debian's python3-opencv and python3-skimage.
"""

import base64
import hashlib
import json
import os
import sys

try:
    import cv2
    import numpy as np
except ImportError as error:  # pragma: no cover - environment check
    sys.stderr.write(
        f"image-features.py: {error}; install Debian's python3-opencv and python3-skimage\n")
    sys.exit(3)


def sk():
    """scikit-image and scipy, imported on first use (they take a second to import)."""
    try:
        import scipy.ndimage
        import skimage.feature
        import skimage.filters
    except ImportError as error:  # pragma: no cover - environment check
        sys.stderr.write(f"image-features.py: {error}; install Debian's python3-skimage\n")
        sys.exit(3)
    return skimage, scipy.ndimage


def read_gray(path):
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    if bgr is None:
        raise SystemExit(f"image-features.py: cannot read {path}")
    gray8 = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    return gray8, np.multiply(gray8, 1.0 / 255, dtype=np.float64)


def sigma_list(p):
    if p["logScale"]:
        return np.logspace(np.log10(p["minSigma"]), np.log10(p["maxSigma"]), p["numSigma"])
    return np.linspace(p["minSigma"], p["maxSigma"], p["numSigma"])


def edge_indices(edges):
    indices = np.flatnonzero(edges)
    return {"count": int(indices.size), "indices": indices.tolist()}


def ref_canny(image, gray8, p):
    skimage, _ = sk()
    edges = skimage.feature.canny(image, sigma=p["sigma"], low_threshold=p["lowThreshold"],
                                  high_threshold=p["highThreshold"])
    return edge_indices(edges)


def ref_opencv_canny(image, gray8, p):
    # The kernel of scipy's gaussian_filter (truncate 4), not OpenCV's default 8-bit 3 sigma.
    size = 2 * int(4 * p["sigma"] + 0.5) + 1
    blurred = cv2.GaussianBlur(gray8, (size, size), p["sigma"])
    edges = cv2.Canny(blurred, p["lowThreshold"] * 255, p["highThreshold"] * 255,
                      apertureSize=3, L2gradient=True)
    return edge_indices(edges)


def corners(response, p):
    skimage, _ = sk()
    coords = skimage.feature.corner_peaks(
        response, min_distance=p["minDistance"], threshold_abs=p["thresholdAbs"],
        threshold_rel=p["thresholdRel"], exclude_border=True, num_peaks=p["maxCorners"])
    rows, cols = (coords[:, 0], coords[:, 1]) if len(coords) else ([], [])
    return {"x": [int(c) for c in cols], "y": [int(r) for r in rows],
            "score": [float(response[r, c]) for r, c in zip(rows, cols)]}


def ref_harris(image, gray8, p):
    skimage, _ = sk()
    response = skimage.feature.corner_harris(image, method="k", k=p["k"], sigma=p["sigma"])
    return corners(response, p)


def ref_shi_tomasi(image, gray8, p):
    skimage, _ = sk()
    return corners(skimage.feature.corner_shi_tomasi(image, sigma=p["sigma"]), p)


def ref_opencv_harris(image, gray8, p):
    response = cv2.cornerHarris(image.astype(np.float32), p["blockSize"], 3, p["k"])
    return corners(response.astype(np.float64), p)


def ref_opencv_shi_tomasi(image, gray8, p):
    response = cv2.cornerMinEigenVal(image.astype(np.float32), p["blockSize"], 3)
    return corners(response.astype(np.float64), p)


def ref_opencv_good_features(image, gray8, p):
    image32 = image.astype(np.float32)
    found = cv2.goodFeaturesToTrack(image32, p["maxCorners"], max(p["thresholdRel"], 1e-12),
                                    p["minDistance"], blockSize=p["blockSize"])
    response = cv2.cornerMinEigenVal(image32, p["blockSize"], 3)
    points = [] if found is None else found.reshape(-1, 2)
    cols = [int(round(x)) for x, _ in points]
    rows = [int(round(y)) for _, y in points]
    return {"x": cols, "y": rows, "score": [float(response[r, c]) for r, c in zip(rows, cols)]}


def blobs(found, sigmas, response_at):
    planes = {}
    out = {"x": [], "y": [], "sigma": [], "score": []}
    for row, col, sigma in found:
        index = int(np.argmin(np.abs(sigmas - sigma)))
        if index not in planes:
            planes[index] = response_at(sigmas[index])
        out["x"].append(int(col))
        out["y"].append(int(row))
        out["sigma"].append(float(sigmas[index]))
        out["score"].append(float(planes[index][int(row), int(col)]))
    return out


def ref_log(image, gray8, p):
    skimage, ndi = sk()
    found = skimage.feature.blob_log(
        image, min_sigma=p["minSigma"], max_sigma=p["maxSigma"], num_sigma=p["numSigma"],
        threshold=p["threshold"], overlap=p["overlap"], log_scale=p["logScale"],
        exclude_border=False)
    return blobs(found, sigma_list(p), lambda s: -ndi.gaussian_laplace(image, s) * s ** 2)


def ref_doh(image, gray8, p):
    skimage, _ = sk()
    found = skimage.feature.blob_doh(
        image, min_sigma=p["minSigma"], max_sigma=p["maxSigma"], num_sigma=p["numSigma"],
        threshold=p["threshold"], overlap=p["overlap"], log_scale=p["logScale"])
    return blobs(found, sigma_list(p),
                 lambda s: skimage.feature.hessian_matrix_det(image, sigma=s, approximate=True))


def ref_ridges(image, gray8, p):
    sigmas = np.linspace(p["minSigma"], p["maxSigma"], p["numSigma"])
    skimage, _ = sk()
    response = skimage.filters.sato(image, sigmas=sigmas, black_ridges=p["blackRidges"],
                                    mode="reflect")
    return {"max": float(response.max()), "count": int((response >= p["threshold"]).sum()),
            "response": base64.b64encode(response.astype("<f8").tobytes()).decode("ascii")}


def ref_gray(image, gray8, p):
    return {"sha256": hashlib.sha256(gray8.tobytes()).hexdigest()}


FEATURES = {
    "gray": ref_gray,
    "canny": ref_canny,
    "opencvCanny": ref_opencv_canny,
    "harris": ref_harris,
    "shiTomasi": ref_shi_tomasi,
    "opencvHarris": ref_opencv_harris,
    "opencvShiTomasi": ref_opencv_shi_tomasi,
    "opencvGoodFeatures": ref_opencv_good_features,
    "log": ref_log,
    "doh": ref_doh,
    "ridges": ref_ridges,
}


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    text = argv[2]
    params = json.loads(text if text.lstrip().startswith("{") else open(text).read())
    gray8, image = read_gray(argv[1])
    versions = {"opencv": cv2.__version__, "numpy": np.__version__}
    out = {
        "versions": versions,
        "width": int(gray8.shape[1]),
        "height": int(gray8.shape[0]),
    }
    for name in params.get("features", []):
        if name not in FEATURES:
            raise SystemExit(f"image-features.py: unknown feature {name}")
        out[name] = FEATURES[name](image, gray8, params.get(name, {}))
    if "skimage" in sys.modules:
        import scipy
        versions.update({"skimage": sys.modules["skimage"].__version__, "scipy": scipy.__version__})
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main(sys.argv)
