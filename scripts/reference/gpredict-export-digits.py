#!/usr/bin/env python3
"""Export the handwritten digits bundled with scikit-learn for gPredict's trainer.

Usage: gpredict-export-digits.py OUT_DIR

Reads sklearn.datasets.load_digits() (1797 8x8 images of the digits 0-9, pixel values 0-16,
bundled with Debian's python3-sklearn, no download) and writes into OUT_DIR:

  images.u8    1797 * 64 bytes: the pixels, image after image, each row-major (row 0 first)
  labels.u8    1797 bytes: the digit of each image
  digits.json  the manifest: counts, shape, value range, SHA-256 of both files, versions

The TypeScript loader (gateway/src/gpredict/datasets/) checks sizes, ranges and hashes.
Exit codes: 0 written, 2 usage, 3 numpy or scikit-learn missing, 4 unexpected data.
"""

import hashlib
import json
import os
import sys

FORMAT = "deuro-digits/1"


def fail(code, message):
    print(f"gpredict-export-digits: {message}", file=sys.stderr)
    sys.exit(code)


def load():
    try:
        import numpy
        import sklearn
        from sklearn.datasets import load_digits
    except ImportError as error:
        fail(3, f"{error}; install Debian's python3-sklearn (apt-get install -y python3-sklearn)")
    digits = load_digits()
    images = digits.images
    if images.shape[1:] != (8, 8) or len(images) != len(digits.target):
        fail(4, f"unexpected shapes {images.shape} and {digits.target.shape}")
    pixels = images.astype(numpy.uint8)
    if not (pixels == images).all() or pixels.max() > 16:
        fail(4, "pixels are not integers from 0 to 16")
    labels = digits.target.astype(numpy.uint8)
    if not (labels == digits.target).all() or labels.max() > 9:
        fail(4, "labels are not digits")
    return pixels.tobytes(order="C"), labels.tobytes(), numpy.__version__, sklearn.__version__


def write(path, data):
    with open(path, "wb") as handle:
        handle.write(data)
    return hashlib.sha256(data).hexdigest()


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    out_dir = argv[1]
    images, labels, numpy_version, sklearn_version = load()
    os.makedirs(out_dir, exist_ok=True)
    manifest = {
        "format": FORMAT,
        "source": "sklearn.datasets.load_digits",
        "sklearnVersion": sklearn_version,
        "numpyVersion": numpy_version,
        "count": len(labels),
        "height": 8,
        "width": 8,
        "maxValue": 16,
        "classCount": 10,
        "images": {"file": "images.u8", "sha256": write(os.path.join(out_dir, "images.u8"), images)},
        "labels": {"file": "labels.u8", "sha256": write(os.path.join(out_dir, "labels.u8"), labels)},
    }
    with open(os.path.join(out_dir, "digits.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    main(sys.argv)
