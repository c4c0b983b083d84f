// Package xlsximport brings workbooks made by another ledger into this
// one: a subordinate unit's settlement into its superior unit's ledger,
// an allocation annex or a review (the superior's approval) into the
// subordinate unit's own. For each file it opens the workbook with
// ledger/xlsxread (untrusted input, standard library only), reads the
// hidden sheet into a ledger/payload.Payload (format, checksum,
// signature), asks the domain what of it may be imported
// (ledger.DecideImport: kind, role, unit, period, superior, pinned key,
// the superior's own entries, carry-ins, codes, review lock, order),
// compares the figures shown on the B01 sheet with the payload (a finding
// for each cell edited after export), and records it in one transaction
// (ledger.PlannedImport.Record). ImportFiles is the one pipeline of the
// desktop app and of wardctl. It imports neither excelize nor Fyne.
package xlsximport

import (
	"context"
	"io"
	"path/filepath"

	"wardledger/ledger"
	"wardledger/ledger/payload"
	"wardledger/ledger/xlsxread"
)

// ImportWorkbook brings the entries of a subordinate unit's settlement
// workbook (exported by WardLedger) into the superior unit's ledger, from
// the workbook's hidden payload, in one transaction: entries already
// recorded are skipped, so importing a file twice adds nothing; an entry
// recorded with other content refuses the whole file (a conflict error
// in the chain); a unit the ledger does not know refuses it (Import's
// result names the unit). Figures shown on the B01 sheet that no longer
// match the payload (edited after export) are listed as warnings.
// Whatever refuses the file leaves the ledger unchanged.
func ImportWorkbook(ctx context.Context, t ledger.ImportTarget, path string) (*ledger.Import, error) {
	r := Import(ctx, t, ledger.WorkbookSettlement, path, ledger.ImportOptions{})
	return r.Import, r.Err
}

// ImportAllocation records, in a subordinate unit's own ledger, the
// allocation entries of an annex workbook (ledger.WorkbookAnnex) exported
// by its superior unit, keeping their ids, so that they travel back
// exactly with the unit's settlement workbook. The ledger's superior unit
// must be the one that issued the annex.
func ImportAllocation(ctx context.Context, t ledger.ImportTarget, path string) (*ledger.Import, error) {
	r := Import(ctx, t, ledger.WorkbookAnnex, path, ledger.ImportOptions{})
	return r.Import, r.Err
}

// Import imports the workbook at path, of kind ledger.WorkbookSettlement,
// ledger.WorkbookAnnex or ledger.WorkbookReview, in one transaction, with
// what the person agreed to (opt).
func Import(ctx context.Context, t ledger.ImportTarget, kind ledger.WorkbookKind, path string, opt ledger.ImportOptions) ledger.ImportResult {
	var r ledger.ImportResult
	ImportFiles(ctx, t, kind, []string{path}, opt, func(res ledger.ImportResult) { r = res })
	return r
}

// ImportReader is Import for a workbook held by r, of size bytes; name
// is recorded as the file's name.
func ImportReader(ctx context.Context, t ledger.ImportTarget, kind ledger.WorkbookKind, name string, r io.ReaderAt, size int64, opt ledger.ImportOptions) ledger.ImportResult {
	res := ledger.ImportResult{Path: name}
	b, err := xlsxread.Open(r, size)
	if err == nil {
		var pi *ledger.PlannedImport
		pi, res.Unit, err = prepareBook(ctx, t, kind, b, name, opt)
		if err == nil {
			res.Import, err = pi.Record(ctx, t)
		}
	}
	res.Err = err
	return res
}

// ImportFiles imports several workbooks of kind (ledger.WorkbookSettlement,
// ledger.WorkbookAnnex or ledger.WorkbookReview), each in its own
// transaction, with what the person agreed to (opt), and calls done
// after each, in order, with what it added or why it was refused. It
// reads and checks the next file while the ledger records the current
// one, so that a district importing its wards' workbooks spends about the
// time of the slower of the two; at most two files are held read at once.
// It stops early only when ctx is done: the files not reached are
// reported with ctx's error. This is the one import pipeline of wardctl
// and of the desktop app.
func ImportFiles(ctx context.Context, t ledger.ImportTarget, kind ledger.WorkbookKind, paths []string, opt ledger.ImportOptions, done func(ledger.ImportResult)) {
	type prepared struct {
		pi  *ledger.PlannedImport
		res ledger.ImportResult
	}
	ready := make(chan prepared, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(ready)
		for i, path := range paths {
			res := ledger.ImportResult{Index: i, Path: path}
			pi, unit, err := prepareFile(ctx, t, kind, path, opt)
			res.Unit, res.Err = unit, err
			select {
			case ready <- prepared{pi, res}:
			case <-stop:
				return
			}
		}
	}()
	i := 0
	for r := range ready {
		if r.res.Err == nil {
			r.res.Import, r.res.Err = r.pi.Record(ctx, t)
		}
		done(r.res)
		i++
		if ctx.Err() != nil {
			for ; i < len(paths); i++ {
				done(ledger.ImportResult{Index: i, Path: paths[i], Err: ctx.Err()})
			}
			return
		}
	}
}

func prepareFile(ctx context.Context, t ledger.ImportTarget, kind ledger.WorkbookKind, path string, opt ledger.ImportOptions) (*ledger.PlannedImport, ledger.Unit, error) {
	b, err := xlsxread.OpenFile(path)
	if err != nil {
		return nil, ledger.Unit{}, err
	}
	defer b.Close()
	return prepareBook(ctx, t, kind, b, filepath.Base(path), opt)
}

// prepareBook reads a workbook for import and asks the ledger what of it
// may be recorded: everything but recording it, which reads the ledger
// and never writes it. It returns the unit the workbook names once its
// payload could be read.
func prepareBook(ctx context.Context, t ledger.ImportTarget, want ledger.WorkbookKind, b *xlsxread.Book, name string, opt ledger.ImportOptions) (*ledger.PlannedImport, ledger.Unit, error) {
	p, err := readPayload(ctx, b)
	if err != nil {
		return nil, ledger.Unit{}, err
	}
	in, err := p.Incoming(name, approvedOf(t.Form()))
	if err != nil {
		return nil, p.Unit, err
	}
	pi, err := ledger.DecideImport(ctx, t, want, in, opt)
	if err != nil {
		return nil, p.Unit, err
	}
	if want == ledger.WorkbookSettlement {
		diffs, err := checkVisible(ctx, b, t.Form(), in)
		if err != nil {
			return nil, p.Unit, err
		}
		for _, d := range diffs {
			pi.Import.AddFinding(ledger.FindingEdited, d)
		}
	}
	return pi, p.Unit, nil
}

// approvedOf makes the approved figures of a review payload of format 1,
// which carries the stored totals and the reviewer's changes but not the
// figures themselves: the input rows of the approved statement, Khoản by
// Khoản.
func approvedOf(form *ledger.Form) func(*payload.Payload) ([]ledger.Approval, error) {
	return func(p *payload.Payload) ([]ledger.Approval, error) {
		totals := make([]ledger.Total, 0, len(p.Totals))
		for _, t := range p.Totals {
			if t.Unit == p.Unit.Code {
				totals = append(totals, t.Total)
			}
		}
		reported, err := form.BuildStatement(p.Unit.Code, p.Period, totals)
		if err != nil {
			return nil, err
		}
		approved, err := form.ApprovedStatement(reported, p.Approvals)
		if err != nil {
			return nil, err
		}
		return form.InputFigures(approved), nil
	}
}
