// Package ledger is the domain of WardLedger: money in đồng, budget units,
// half-year periods, budget classification codes, ledger entries, the rules
// an entry must obey, the settlement statement (B01/BCQT, F01-01/BCQT) and
// the roles of its rows (formroles.go), closing a period (closing.go), the
// execution rate (rate.go), reviews, allocations, and what a workbook from
// another ledger may bring into this one (exchange.go).
//
// It imports only the standard library. Storage, workbooks and the user
// interface live in adapter packages that implement the interfaces declared
// here.
package ledger
