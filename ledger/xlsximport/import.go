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
	"runtime"
	"sync"

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

// maxReaders bounds the files ImportFiles reads at once: two keep up with
// the one writer, and what a file may hold read (its payload's entries)
// is bounded per file, not per core.
const maxReaders = 2

// ImportFiles imports several workbooks of kind (ledger.WorkbookSettlement,
// ledger.WorkbookAnnex or ledger.WorkbookReview), each in its own
// transaction, with what the person agreed to (opt), and calls done
// after each, in order, with what it added or why it was refused. It
// reads the next files (unpacking, the payload and its checksum, the
// figures shown) on up to maxReaders cores while the ledger records the
// current one, so that a district importing its wards' workbooks spends
// about the time of recording them; at most one file more than there are
// readers is held read at once. What the ledger decides of a file is
// asked just before it is recorded, so it sees every file recorded before
// it. It stops early only when ctx is done: the files not reached are
// reported with ctx's error. This is the one import pipeline of wardctl
// and of the desktop app.
func ImportFiles(ctx context.Context, t ledger.ImportTarget, kind ledger.WorkbookKind, paths []string, opt ledger.ImportOptions, done func(ledger.ImportResult)) {
	readers := max(1, min(maxReaders, runtime.GOMAXPROCS(0), len(paths)))
	read := make([]chan *bookRead, len(paths)) // each file's, once read
	for i := range read {
		read[i] = make(chan *bookRead, 1)
	}
	next := make(chan int)
	held := make(chan struct{}, readers+1) // a file holds one from its reading to its recording
	stop := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(stop)
	wg.Add(1 + readers)
	go func() {
		defer wg.Done()
		defer close(next)
		for i := range paths {
			select {
			case held <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	for range readers {
		go func() {
			defer wg.Done()
			for i := range next {
				read[i] <- readFile(ctx, t.Form(), kind, paths[i])
			}
		}()
	}
	for i, path := range paths {
		r := <-read[i]
		res := ledger.ImportResult{Index: i, Path: path, Unit: r.unit, Err: r.err}
		if res.Err == nil {
			var pi *ledger.PlannedImport
			if pi, res.Err = r.decide(ctx, t, kind, opt); res.Err == nil {
				res.Import, res.Err = pi.Record(ctx, t)
			}
		}
		<-held
		done(res)
		if ctx.Err() != nil {
			for i++; i < len(paths); i++ {
				done(ledger.ImportResult{Index: i, Path: paths[i], Err: ctx.Err()})
			}
			return
		}
	}
}

// bookRead is what a workbook holds for an import, read without the
// ledger: the payload's unit once it could be read, what comes in, and
// for a settlement the figures shown on B01 that differ from the payload.
// err is why it cannot be imported, as far as reading tells; shownErr why
// the figures shown could not be compared, said only if the ledger would
// take the file (decide).
type bookRead struct {
	unit     ledger.Unit
	in       *ledger.Incoming
	edited   []string
	err      error
	shownErr error
}

func readFile(ctx context.Context, form *ledger.Form, kind ledger.WorkbookKind, path string) *bookRead {
	b, err := xlsxread.OpenFile(path)
	if err != nil {
		return &bookRead{err: err}
	}
	defer b.Close()
	return readBook(ctx, form, kind, b, filepath.Base(path))
}

// prepareBook reads a workbook for import and asks the ledger what of it
// may be recorded: everything but recording it, which reads the ledger
// and never writes it. It returns the unit the workbook names once its
// payload could be read.
func prepareBook(ctx context.Context, t ledger.ImportTarget, want ledger.WorkbookKind, b *xlsxread.Book, name string, opt ledger.ImportOptions) (*ledger.PlannedImport, ledger.Unit, error) {
	r := readBook(ctx, t.Form(), want, b, name)
	if r.err != nil {
		return nil, r.unit, r.err
	}
	pi, err := r.decide(ctx, t, want, opt)
	return pi, r.unit, err
}

// readBook reads what an import needs of a workbook.
func readBook(ctx context.Context, form *ledger.Form, want ledger.WorkbookKind, b *xlsxread.Book, name string) *bookRead {
	p, err := readPayload(ctx, b)
	if err != nil {
		return &bookRead{err: err}
	}
	r := &bookRead{unit: p.Unit}
	if r.in, r.err = p.Incoming(name, approvedOf(form)); r.err != nil {
		return r
	}
	if want == ledger.WorkbookSettlement {
		r.edited, r.shownErr = checkVisible(ctx, b, form, r.in)
	}
	return r
}

// decide asks the ledger what of a workbook read may be recorded, the
// figures edited after export as findings.
func (r *bookRead) decide(ctx context.Context, t ledger.ImportTarget, want ledger.WorkbookKind, opt ledger.ImportOptions) (*ledger.PlannedImport, error) {
	pi, err := ledger.DecideImport(ctx, t, want, r.in, opt)
	if err != nil {
		return nil, err
	}
	if r.shownErr != nil {
		return nil, r.shownErr
	}
	for _, d := range r.edited {
		pi.Import.AddFinding(ledger.FindingEdited, d)
	}
	return pi, nil
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
