#!/usr/bin/python3
"""Baseline timings for bench/features-image: OpenCV (and scikit-image) on the same image.

usage: /usr/bin/python3 bench/features-image/baseline.py IMAGE.png PARAMS_JSON

PARAMS_JSON: {"threads": N (0 = OpenCV's default), "rounds": N, "skimage": true|false,
"canny": {...}, "harris": {...}, "shiTomasi": {...}, "log": {...}, "doh": {...},
"ridges": {...}} with Deuro's parameter names. Prints JSON: for each task, the wall-clock and CPU
seconds of each round and the size of its result (edge pixels, corners, blobs) as a sanity check.

OpenCV equivalents (OpenCV has no LoG blob detector, DoH or Sato ridges):
  decode      cv2.imread(IMREAD_COLOR) + cvtColor(BGR2GRAY)
  canny       cv2.GaussianBlur(gray8, sigma) + cv2.Canny(L2gradient, thresholds x 255)
  harris      cv2.cornerHarris(float32 [0, 1], blockSize 2*ceil(2 sigma)+1, ksize 3, k)
              + peaks: dilate((2 minDistance + 1)^2) == response, above thresholdRel x max
  shiTomasi   cv2.goodFeaturesToTrack(gray8, maxCorners, thresholdRel, minDistance, blockSize)
  log         per sigma: cv2.GaussianBlur(float32, sigma) + cv2.Laplacian(ksize 1) x -sigma^2,
              then 3 x 3 x 3 maxima (cv2.dilate per scale, max over adjacent scales) > threshold
scikit-image (the reference implementations): canny, corner_harris + corner_peaks,
corner_shi_tomasi + corner_peaks, blob_log, blob_doh, filters.sato.
"""

import json
import math
import sys
import time

import cv2
import numpy as np


def timed(rounds, task):
    """Wall-clock and CPU seconds (all threads of the process) of each round."""
    wall, cpu, size = [], [], 0
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        size = task()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {"wall": wall, "cpu": cpu, "size": int(size)}


def decode(path):
    return cv2.cvtColor(cv2.imread(path, cv2.IMREAD_COLOR), cv2.COLOR_BGR2GRAY)


def opencv_canny(gray8, p):
    blurred = cv2.GaussianBlur(gray8, (0, 0), p["sigma"])
    edges = cv2.Canny(blurred, p["lowThreshold"] * 255, p["highThreshold"] * 255,
                      apertureSize=3, L2gradient=True)
    return cv2.countNonZero(edges)


def opencv_harris(gray8, p):
    image = gray8.astype(np.float32) * np.float32(1 / 255)
    block = 2 * math.ceil(2 * p["sigma"]) + 1
    response = cv2.cornerHarris(image, block, 3, p["k"])
    size = 2 * p["minDistance"] + 1
    peaks = (response == cv2.dilate(response, np.ones((size, size), np.uint8)))
    peaks &= response > p["thresholdRel"] * float(response.max())
    return min(int(np.count_nonzero(peaks)), p["maxCorners"])


def opencv_shi_tomasi(gray8, p):
    block = 2 * math.ceil(2 * p["sigma"]) + 1
    corners = cv2.goodFeaturesToTrack(gray8, p["maxCorners"], max(p["thresholdRel"], 1e-6),
                                      p["minDistance"], blockSize=block)
    return 0 if corners is None else len(corners)


def opencv_log(gray8, p):
    image = gray8.astype(np.float32) * np.float32(1 / 255)
    sigmas = np.linspace(p["minSigma"], p["maxSigma"], p["numSigma"])
    kernel = np.ones((3, 3), np.uint8)
    planes, spatial_max, count = [], [], 0

    def response(s):
        blurred = cv2.GaussianBlur(image, (0, 0), s)
        return cv2.Laplacian(blurred, cv2.CV_32F, ksize=1) * np.float32(-s * s)

    for i in range(len(sigmas) + 1):
        if i < len(sigmas):
            planes.append(response(sigmas[i]))
            spatial_max.append(cv2.dilate(planes[-1], kernel))
        centre = i - 1 if i == len(sigmas) else i - 1
        if centre < 0:
            continue
        neighbourhood = spatial_max[max(0, centre - 1):centre + 2]
        local = np.maximum.reduce(neighbourhood)
        plane = planes[centre]
        count += int(np.count_nonzero((plane >= local) & (plane > p["threshold"])))
        if centre >= 1:
            planes[centre - 1] = spatial_max[centre - 1] = None
    return count


def skimage_tasks(image, p):
    import skimage.feature as feature
    from skimage.filters import sato

    def corners(response, q):
        return len(feature.corner_peaks(response, min_distance=q["minDistance"],
                                        threshold_abs=q["thresholdAbs"],
                                        threshold_rel=q["thresholdRel"], num_peaks=q["maxCorners"]))

    def blobs(detector, q):
        return len(detector(image, min_sigma=q["minSigma"], max_sigma=q["maxSigma"],
                            num_sigma=q["numSigma"], threshold=q["threshold"],
                            overlap=q["overlap"], log_scale=q["logScale"]))

    c, h, s, r = p["canny"], p["harris"], p["shiTomasi"], p["ridges"]
    return {
        "canny": lambda: int(feature.canny(image, c["sigma"], c["lowThreshold"],
                                           c["highThreshold"]).sum()),
        "harris": lambda: corners(feature.corner_harris(image, k=h["k"], sigma=h["sigma"]), h),
        "shiTomasi": lambda: corners(feature.corner_shi_tomasi(image, sigma=s["sigma"]), s),
        "log": lambda: blobs(feature.blob_log, p["log"]),
        "doh": lambda: blobs(feature.blob_doh, p["doh"]),
        "ridges": lambda: int((sato(image, sigmas=np.linspace(r["minSigma"], r["maxSigma"],
                                                              r["numSigma"]),
                                    black_ridges=r["blackRidges"]) >= r["threshold"]).sum()),
    }


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    p = json.loads(argv[2])
    cv2.setNumThreads(p.get("threads", 0) or -1)
    rounds = p.get("rounds", 1)
    gray8 = decode(argv[1])
    out = {"opencv": cv2.__version__, "threads": cv2.getNumThreads(), "opencvTasks": {
        "decode": timed(rounds, lambda: decode(argv[1]).size),
        "canny": timed(rounds, lambda: opencv_canny(gray8, p["canny"])),
        "harris": timed(rounds, lambda: opencv_harris(gray8, p["harris"])),
        "shiTomasi": timed(rounds, lambda: opencv_shi_tomasi(gray8, p["shiTomasi"])),
        "log": timed(rounds, lambda: opencv_log(gray8, p["log"])),
    }}
    if p.get("skimage", False):
        image = np.multiply(gray8, 1.0 / 255, dtype=np.float64)
        out["skimageTasks"] = {name: timed(rounds, task)
                               for name, task in skimage_tasks(image, p).items()}
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
