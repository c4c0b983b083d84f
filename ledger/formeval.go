package ledger

// Evaluating one row of the form for one nature, without building the
// whole statement: CheckEntry runs for every entry written, and building
// two statements of 35 rows each time made it a third of the cost of an
// import.

// rowValue is what Compute(map[Nature]Sums{n: s})[code] gives. Rows are
// sums and differences of input rows, so rowValue(code, n, Sums{k: 1}) is
// how many times an amount of kind k counts in the row.
func (f *Form) rowValue(code string, n Nature, s Sums) Money {
	i, ok := f.index[code]
	if !ok {
		return 0
	}
	r := f.Rows[i]
	if r.IsInput() {
		if r.Nature != n {
			return 0
		}
		var v Money
		for _, k := range r.Kinds {
			v += s[k]
		}
		return v
	}
	var v Money
	for _, t := range f.terms[code] {
		v += Money(t.sign) * f.rowValue(t.code, n, s)
	}
	return v
}
