// Package suggest finds the closest known name to a misspelled one, for
// "did you mean" hints in findings.
package suggest

import "strings"

// Limit is the edit distance tolerated for a name of this length: short
// names allow fewer edits, or every short typo would match something.
func Limit(name string) int {
	switch {
	case len(name) <= 4:
		return 1
	case len(name) <= 12:
		return 2
	}
	return 3
}

// Closest returns the candidate nearest to name, compared case-insensitively,
// within maxDist edits; ties go to the alphabetically first. ok is false
// when nothing is that close, or when name itself is a candidate (a
// candidate differing only in case is a good suggestion: keys are
// case-sensitive).
func Closest(name string, candidates []string, maxDist int) (best string, ok bool) {
	ln := strings.ToLower(name)
	bestD := maxDist
	for _, c := range candidates {
		if c == name {
			return "", false
		}
		if abs(len(c)-len(name)) > bestD {
			continue // the distance is at least the length difference
		}
		// With bound bestD+1 a result up to bestD is exact; more means farther.
		d := Distance(ln, strings.ToLower(c), bestD+1)
		if d > bestD {
			continue
		}
		if !ok || d < bestD || c < best {
			best, bestD, ok = c, d, true
		}
	}
	return best, ok
}

// Distance is the optimal-string-alignment edit distance between a and b
// (insertions, deletions, substitutions, adjacent transpositions). It gives
// up and returns bound once every alignment costs at least bound.
func Distance(a, b string, bound int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin >= bound {
			return bound
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
