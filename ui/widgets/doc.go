// Package widgets holds the generic pieces the screens of package ui are
// built from: entries made for keying (text, money in đồng, a drop-down
// chosen by one key), a field with its caption and its refusal, rows of
// fixed widths, tables of plain lines, a bar chart, and dialogs (a form
// whose refusals land at their field, a save-as that never creates the
// file, long work under a progress bar with Hủy).
//
// None of them needs a ledger, so each is tested on its own with
// fyne.io/fyne/v2/test; a few know ledger's value types (ledger.Money,
// the field a ledger.Error names).
package widgets
