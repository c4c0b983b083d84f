package xlsximport

import (
	"testing"

	"wardledger/ledger/xlsx"
)

// The importer finds the B01 sheet by the name the writer gives it,
// without importing the writer (and excelize) outside its tests.
func TestSheetNameMatchesTheWriter(t *testing.T) {
	if sheetB01 != xlsx.SheetB01 {
		t.Errorf("the importer reads sheet %q, the writer writes %q", sheetB01, xlsx.SheetB01)
	}
}
