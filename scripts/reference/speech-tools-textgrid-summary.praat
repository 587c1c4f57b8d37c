# Reads a TextGrid with Praat and prints what Praat understood, one line per item, tab-separated:
#   tiers <n> <xmin> <xmax>
#   tier <index> <name> <class> <number of intervals or points>
#   interval <tier> <index> <xmin> <xmax> <text>
# Used by gateway/src/speech/formats/textgrid-praat.test.ts:
#   praat --run scripts/reference/speech-tools-textgrid-summary.praat /path/to/file.TextGrid
form Summarise a TextGrid
  sentence Path
endform

grid = Read from file: path$
tiers = Get number of tiers
xmin = Get start time
xmax = Get end time
writeInfoLine: "tiers", tab$, tiers, tab$, fixed$(xmin, 6), tab$, fixed$(xmax, 6)
for t to tiers
  name$ = Get tier name: t
  isInterval = Is interval tier: t
  if isInterval
    n = Get number of intervals: t
    appendInfoLine: "tier", tab$, t, tab$, name$, tab$, "IntervalTier", tab$, n
    for i to n
      start = Get start time of interval: t, i
      end = Get end time of interval: t, i
      label$ = Get label of interval: t, i
      appendInfoLine: "interval", tab$, t, tab$, i, tab$, fixed$(start, 6), tab$, fixed$(end, 6), tab$, label$
    endfor
  else
    n = Get number of points: t
    appendInfoLine: "tier", tab$, t, tab$, name$, tab$, "TextTier", tab$, n
  endif
endfor
