package ledger

// Evaluating one row of the form for one nature, without building the
// whole statement: CheckEntry runs for every entry written, and building
// two statements of 35 rows each time made it a third of the cost of an
// import.

// rowValue is what Compute(map[Nature]Sums{n: s})[code] gives, and false
// when it overflows. Rows are sums and differences of input rows, so
// rowValue(code, n, Sums{k: 1}) is how many times an amount of kind k
// counts in the row.
func (f *Form) rowValue(code string, n Nature, s Sums) (Money, bool) {
	i, ok := f.index[code]
	if !ok {
		return 0, true
	}
	r := f.Rows[i]
	var v Sum
	if r.IsInput() {
		if r.Nature != n {
			return 0, true
		}
		for _, k := range r.Kinds {
			v.Add(s[k])
		}
		return v.v, !v.over
	}
	for _, t := range f.terms[code] {
		tv, ok := f.rowValue(t.code, n, s)
		if !ok {
			return 0, false
		}
		if t.sign < 0 {
			v.Sub(tv)
		} else {
			v.Add(tv)
		}
	}
	return v.v, !v.over
}
