package edit

import "sort"

// rebaseBlocks puts the blocks of a form opened on was onto the blocks
// now on disk, for a conflict: the form's From indexes name blocks of was,
// and the file to write over is disk.
//
// A block of was is the block of disk that has the same values, wherever
// it is; a block of was found nowhere is the block of disk changed in its
// place: between the same blocks found again, as many on both sides
// (paired in order), or else the one that shares most of its values.
// Then, in the order of disk:
//   - a block of the form follows its block of disk (From is its disk
//     index); the fields the staff did not edit take the value on disk;
//   - a block only on disk (added by the other tab) is shown as it is;
//   - a block of the form whose block the other tab removed goes, unless
//     the staff edited it: it is then kept as a new block, at the end;
//   - new blocks of the form stay new, at the end.
//
// It returns the form's blocks, the labels of the fields given the value
// on disk, and the indexes (in the result) of the blocks kept as new.
func rebaseBlocks(specs []spec, was, disk, form []blockState) (out []blockState, taken []string, kept []int) {
	same := func(a, b blockState) bool {
		for _, bs := range specs {
			if !sameValue(bs, a.Values[bs.Key], b.Values[bs.Key]) {
				return false
			}
		}
		return true
	}
	match := make([]int, len(was)) // index in disk, -1 when not found
	used := make([]bool, len(disk))
	for i := range match {
		match[i] = -1
		if i < len(disk) && same(was[i], disk[i]) {
			match[i], used[i] = i, true
		}
	}
	for i, b := range was {
		for j := range disk {
			if match[i] < 0 && !used[j] && same(b, disk[j]) {
				match[i], used[j] = j, true
			}
		}
	}
	// The blocks not found, grouped by the block found before them: a
	// block changed in place has the same neighbours in both.
	gapOf := func(found []int, i int) int {
		for k := i - 1; k >= 0; k-- {
			if found[k] >= 0 {
				return found[k]
			}
		}
		return -1
	}
	diskFound := make([]int, len(disk)) // its own index when matched
	for j := range disk {
		diskFound[j] = -1
		if used[j] {
			diskFound[j] = j
		}
	}
	wasGap, diskGap := map[int][]int{}, map[int][]int{}
	for i := range was {
		if match[i] < 0 {
			wasGap[gapOf(match, i)] = append(wasGap[gapOf(match, i)], i)
		}
	}
	for j := range disk {
		if !used[j] {
			diskGap[gapOf(diskFound, j)] = append(diskGap[gapOf(diskFound, j)], j)
		}
	}
	for g, ws := range wasGap {
		ds := diskGap[g]
		if len(ws) == len(ds) {
			for k, i := range ws {
				match[i], used[ds[k]] = ds[k], true
			}
			continue
		}
		for _, i := range ws {
			best, bestScore := -1, 0
			for _, j := range ds {
				if used[j] {
					continue
				}
				if score, fields := alike(specs, was[i], disk[j]); 2*score > fields && score > bestScore {
					best, bestScore = j, score
				}
			}
			if best >= 0 {
				match[i], used[best] = best, true
			}
		}
	}

	var mine, added []blockState
	followed := make([]bool, len(disk))
	for _, b := range form {
		if b.From < 0 || b.From >= len(was) {
			b.From = -1
			added = append(added, b)
			continue
		}
		before := was[b.From].Values
		j := match[b.From]
		if j < 0 {
			if !b.Remove && !same(b, was[b.From]) {
				b.From = -1
				b.Kept = true
				added = append(added, b)
			}
			continue
		}
		if followed[j] {
			continue // a form naming a block twice: the first one holds
		}
		followed[j] = true
		now := disk[j].Values
		b.From = j
		for _, bs := range specs {
			if sameValue(bs, b.Values[bs.Key], before[bs.Key]) && !sameValue(bs, b.Values[bs.Key], now[bs.Key]) {
				b.Values[bs.Key] = now[bs.Key]
				taken = append(taken, bs.Label)
			}
		}
		mine = append(mine, b)
	}
	for j, d := range disk {
		if !followed[j] {
			mine = append(mine, blockState{From: j, Values: d.Values})
		}
	}
	sort.SliceStable(mine, func(a, b int) bool { return mine[a].From < mine[b].From })
	out = append(mine, added...)
	for k, b := range out {
		if b.Kept {
			kept = append(kept, k)
		}
	}
	return out, taken, kept
}

// alike counts the fields of two blocks that hold the same value, among
// those that hold one in either.
func alike(specs []spec, a, b blockState) (score, fields int) {
	for _, bs := range specs {
		x, y := a.Values[bs.Key], b.Values[bs.Key]
		if (x == "" || x == "false") && (y == "" || y == "false") {
			continue
		}
		fields++
		if sameValue(bs, x, y) {
			score++
		}
	}
	return score, fields
}
