#!/usr/bin/env bash
# Regenerates the stored MFCC reference fixtures in test/fixtures/audio/ with the reference
# tools from Debian: espeak-ng speaks a sentence, sox converts it to 16 kHz 16-bit mono and
# appends digital silence, and sphinx_fe (sphinxbase-utils) computes the features. The unit test
# gateway/src/features/audio/mfcc.test.ts compares Deuro against these files; the live
# comparison (sphinx-reference.test.ts) runs the same tools at test time.
#
# Needs: espeak-ng, sox, sphinxbase-utils (apt-get install -y espeak-ng sox sphinxbase-utils).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_DIR="${SCRIPT_DIR}/../../test/fixtures/audio"
SPHINX_FE_FLAGS=(-dither no -remove_noise no -remove_silence no -mswav yes)

printHelp() {
  echo "Usage: $0 [generate|help]"
  echo "  generate  write speech-16k.wav and its sphinx_fe outputs to test/fixtures/audio/"
}

fatalln() {
  echo "error: $*" >&2
  exit 1
}

checkTools() {
  local tool
  for tool in espeak-ng sox sphinx_fe; do
    command -v "${tool}" >/dev/null || fatalln "${tool} is missing (apt-get install -y espeak-ng sox sphinxbase-utils)"
  done
}

generateFixtures() {
  checkTools
  WORK_DIR="$(mktemp -d)"
  trap 'rm -rf "${WORK_DIR}"' EXIT
  local work="${WORK_DIR}"
  espeak-ng -v en-us -s 150 -w "${work}/speech.wav" "Protect the extracted feature, then share it."
  # 16 kHz, 16-bit, mono, no dither; 0.2 s of digital silence at the end checks the log floor.
  # The WAV is written with a canonical 44-byte header, which sphinx_fe -mswav assumes.
  sox "${work}/speech.wav" -r 16000 -b 16 -c 1 -e signed-integer -D "${work}/speech-16k.wav" pad 0 0.2
  cp "${work}/speech-16k.wav" "${OUT_DIR}/speech-16k.wav"
  sphinx_fe "${SPHINX_FE_FLAGS[@]}" -i "${OUT_DIR}/speech-16k.wav" -o "${OUT_DIR}/speech-16k.legacy.mfc" -transform legacy
  sphinx_fe "${SPHINX_FE_FLAGS[@]}" -i "${OUT_DIR}/speech-16k.wav" -o "${OUT_DIR}/speech-16k.dct.mfc" -transform dct
  sphinx_fe "${SPHINX_FE_FLAGS[@]}" -i "${OUT_DIR}/speech-16k.wav" -o "${OUT_DIR}/speech-16k.en-us.mfc" \
    -lowerf 130 -upperf 6800 -nfilt 25 -transform dct -lifter 22
  sphinx_fe "${SPHINX_FE_FLAGS[@]}" -i "${OUT_DIR}/speech-16k.wav" -o "${OUT_DIR}/speech-16k.logspec.mfc" -logspec yes
  ls -l "${OUT_DIR}"
}

case "${1:-generate}" in
  generate) generateFixtures ;;
  help | -h | --help) printHelp ;;
  *) printHelp; exit 1 ;;
esac
