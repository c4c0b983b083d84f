package xlsximport_test

import "wardledger/ledger/xlsx/xlsxtest"

// The half-years of the demo ledgers (xlsxtest.Demo): 2026-H1 closed,
// 2026-H2 open.
var h1, h2 = xlsxtest.H1, xlsxtest.H2
