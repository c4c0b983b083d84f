// Package ledger is the domain of WardLedger: money in đồng, budget units,
// half-year periods, budget classification codes, ledger entries, the rules
// an entry must obey, and the settlement statement (B01/BCQT, F01-01/BCQT).
//
// It imports only the standard library. Storage, workbooks and the user
// interface live in adapter packages that implement the interfaces declared
// here.
package ledger
